using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>One running server for the collection (Orleans silos are heavy to start).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public WfmFactory Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Signed in as a user with every role but agent (so it sees the whole center).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>That user's name and password, for browser pages.</summary>
    public (string UserName, string Password) Staff { get; private set; }

    /// <summary>An API key with every scope (events, surveys, board, system).</summary>
    public string ApiKey { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // The tests build histories (KPIs, wellbeing) from events weeks old: this center takes late events for ten years.
        Factory = new WfmFactory(WfmFactory.NewDatabasePath(), settings: new Dictionary<string, string> { ["Wfm:LateEvents"] = "3650.00:00:00" });
        BaseAddress = Factory.Start();
        Staff = await SignIn.CreateUserAsync(Factory.Services, "staff", SignIn.Staff);
        Client = await SignIn.ClientAsync(BaseAddress, Staff.UserName, Staff.Password);
        ApiKey = (await Factory.Services.GetRequiredService<ApiKeyService>().CreateAsync("tests", [.. WfmScopes.All], "tests")).Key;
    }

    /// <summary>A browser page signed in as <see cref="Staff"/>.</summary>
    public Task<IPage> PageAsync(IBrowser browser, BrowserNewPageOptions? options = null) =>
        SignIn.PageAsync(browser, BaseAddress, Staff.UserName, Staff.Password, options);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
