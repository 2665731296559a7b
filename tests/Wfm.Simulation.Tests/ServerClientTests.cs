using System.Net;
using System.Net.Sockets;
using System.Text;
using Wfm.Core.Events;
using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

/// <summary>The drivers' client of a cluster: batches go round the silos, and one a silo does not answer goes to the next.</summary>
public sealed class ServerClientTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A silo that answers every batch with its size, and counts the batches it took.</summary>
    private sealed class FakeSilo : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public FakeSilo()
        {
            Url = new Uri($"http://127.0.0.1:{FreePort()}/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using var reader = new StreamReader(context.Request.InputStream);
                    var body = await reader.ReadToEndAsync();
                    var count = body.Split("\"id\"").Length - 1;
                    Interlocked.Increment(ref _batches);
                    var answer = Encoding.UTF8.GetBytes($"{{\"accepted\":{count},\"duplicates\":0}}");
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(answer);
                    context.Response.Close();
                }
            });
        }

        private int _batches;

        public Uri Url { get; }

        public int Batches => Volatile.Read(ref _batches);

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static ContactCenterEvent[] Batch(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new ContactCenterEvent { Id = $"e-{Guid.NewGuid():N}", Type = EventType.ContactArrived, At = DateTimeOffset.UtcNow, QueueId = "q", ContactId = $"c{i}" })];

    [Fact]
    public async Task Batches_GoRoundTheSilos_AndOneADownSiloDoesNotAnswer_GoesToTheNext()
    {
        using var one = new FakeSilo();
        using var two = new FakeSilo();
        var down = new Uri($"http://127.0.0.1:{FreePort()}/"); // nothing listens there
        using var client = new ServerClient([one.Url, down, two.Url], apiKey: null);

        var recorded = 0;
        for (var i = 0; i < 6; i++)
        {
            var outcome = await client.PostAsync(Batch(3), TestContext.Current.CancellationToken);
            Assert.True(outcome.Accepted);
            recorded += outcome.Recorded;
        }

        // Six batches, every one answered once: the two the down silo's turn brought went on to the next silo.
        Assert.Equal(18, recorded);
        Assert.Equal(6, one.Batches + two.Batches);
        Assert.Equal(2, client.FailedOver);
        Assert.True(one.Batches >= 2 && two.Batches >= 2, $"{one.Batches} / {two.Batches}");
    }

    [Fact]
    public async Task WhenNoSiloAnswers_ThePostFails()
    {
        using var client = new ServerClient([new Uri($"http://127.0.0.1:{FreePort()}/"), new Uri($"http://127.0.0.1:{FreePort()}/")], apiKey: null);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(Batch(1), TestContext.Current.CancellationToken));
    }
}
