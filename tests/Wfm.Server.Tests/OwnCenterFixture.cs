using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>A server as a new user gets it: nothing seeded, an empty center to set up.</summary>
public sealed class OwnCenterFixture : IAsyncLifetime
{
    public WfmFactory Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Signed in as an admin.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public (string UserName, string Password) AdminUser { get; private set; }

    /// <summary>When the server started (adherence judges time from then on).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    public async ValueTask InitializeAsync()
    {
        StartedAt = DateTimeOffset.UtcNow;
        Factory = new WfmFactory(WfmFactory.NewDatabasePath(), seedDemo: false);
        BaseAddress = Factory.Start();
        AdminUser = await SignIn.CreateUserAsync(Factory.Services, "center-admin", [WfmRoles.Admin]);
        Admin = await SignIn.ClientAsync(BaseAddress, AdminUser.UserName, AdminUser.Password);
    }

    public Task<IPage> PageAsync(IBrowser browser) => SignIn.PageAsync(browser, BaseAddress, AdminUser.UserName, AdminUser.Password);

    /// <summary>A client signed in with just these roles.</summary>
    public Task<HttpClient> ClientAsync(params string[] roles) => SignIn.ClientAsync(BaseAddress, Factory.Services, roles);

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OwnCenterCollection : ICollectionFixture<OwnCenterFixture>
{
    public const string Name = "own-center";
}
