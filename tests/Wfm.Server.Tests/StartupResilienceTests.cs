using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Tests;

/// <summary>A server whose grains are briefly out of reach as it starts (a silo joining a busy cluster) keeps running.</summary>
public sealed class StartupResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Times out the first subscriptions to the board's and the inbox's hub grains, as a silo that has not answered yet.</summary>
    private sealed class FirstSubscriptionsTimeOut(int refusals) : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public int Accepted(string hub) => Math.Max(0, _calls.GetValueOrDefault(hub) - refusals);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            var hub = context.Grain switch
            {
                IBoardHubGrain => "board",
                IInboxGrain => "inbox",
                _ => null,
            };
            if (hub is not null && context.MethodName == nameof(IBoardHubGrain.SubscribeAsync)
                && _calls.AddOrUpdate(hub, 1, (_, n) => n + 1) <= refusals)
            {
                throw new TimeoutException($"the {hub} hub did not answer in time (test)");
            }

            await context.Invoke();
        }
    }

    [Fact]
    public async Task HubsThatDoNotAnswerAtStart_DoNotStopTheServer_ItsBridgesSubscribeOnTheirTimer()
    {
        var filter = new FirstSubscriptionsTimeOut(refusals: 2);
        await using var factory = new WfmFactory(WfmFactory.NewDatabasePath())
        {
            TestServices = services => services.AddSingleton<IIncomingGrainCallFilter>(filter),
        };
        var address = factory.Start();

        // Both bridges were refused twice (the first at start) and subscribed on a later tick — unless the server stopped.
        var stopping = factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        while ((filter.Accepted("board") == 0 || filter.Accepted("inbox") == 0) && !stopping.IsCancellationRequested)
        {
            await Task.Delay(50, Ct);
        }

        Assert.False(stopping.IsCancellationRequested, "the server stopped when a hub did not answer at start");
        Assert.Equal((1, 1), (Math.Min(1, filter.Accepted("board")), Math.Min(1, filter.Accepted("inbox"))));
        using var client = new HttpClient { BaseAddress = address };
        var page = await client.GetAsync("login", Ct);
        Assert.True(page.IsSuccessStatusCode, $"sign-in page: {(int)page.StatusCode}");
    }
}
