namespace Wfm.Server.Tests;

/// <summary>One running server for the collection (Orleans silos are heavy to start).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public WfmFactory Factory { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = new WfmFactory(WfmFactory.NewDatabasePath());
        BaseAddress = Factory.Start();
        Client = new HttpClient { BaseAddress = BaseAddress };
        return ValueTask.CompletedTask;
    }

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
