using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Wfm.Core.Events;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>
/// The server's HTTP API as the drivers use it: post events, look event ids up, read the directory and the server's
/// memory. Given several servers (the silos of a cluster), batches go round the silos in turn and a batch a silo
/// does not answer is sent to the next one (with the same event ids, so it is recorded once); reads go to the
/// first silo that answers.
/// </summary>
public sealed class ServerClient : IEventSink, IServerState, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient[] _http;
    private readonly Uri _url;
    private int _next;

    /// <param name="url">The server.</param>
    /// <param name="apiKey">A key with the events, surveys, board and system scopes (sent as X-Api-Key).</param>
    public ServerClient(Uri url, string? apiKey)
        : this([url], apiKey)
    {
    }

    /// <param name="urls">The servers: one, or every silo of a cluster.</param>
    /// <param name="apiKey">A key with the events, surveys, board and system scopes (sent as X-Api-Key).</param>
    public ServerClient(IReadOnlyList<Uri> urls, string? apiKey)
    {
        if (urls.Count == 0)
        {
            throw new ArgumentException("give at least one server address", nameof(urls));
        }

        _url = urls[0];
        Urls = urls;
        _http = urls.Select(url =>
        {
            var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
            if (!string.IsNullOrWhiteSpace(apiKey))
            {
                http.DefaultRequestHeaders.Add("X-Api-Key", apiKey.Trim());
            }

            return http;
        }).ToArray();
    }

    public Uri Url => _url;

    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Batches a silo did not answer and that went to the next one.</summary>
    public int FailedOver { get; private set; }

    /// <summary>
    /// Posts to the next silo in turn; one that does not answer (down, timed out, a server error) passes the batch on to
    /// the next, and only when no silo answers does the post fail.
    /// </summary>
    public async Task<PostOutcome> PostAsync(IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken)
    {
        var first = (int)((uint)Interlocked.Increment(ref _next) % (uint)_http.Length);
        for (var attempt = 0; ; attempt++)
        {
            var http = _http[(first + attempt) % _http.Length];
            try
            {
                return await PostAsync(http, batch, cancellationToken);
            }
            catch (Exception e) when (attempt + 1 < _http.Length && !cancellationToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException)
            {
                FailedOver++;
            }
        }
    }

    private static async Task<PostOutcome> PostAsync(HttpClient http, IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/events", new { events = batch }, Json, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            return new PostOutcome(true, body.GetProperty("accepted").GetInt32(), null);
        }

        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"server error {(int)response.StatusCode}", null, response.StatusCode);
        }

        return PostOutcome.Refused(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Runs a read on the first silo that answers.</summary>
    private async Task<T> AnyAsync<T>(Func<HttpClient, Task<T>> read)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await read(_http[i]);
            }
            catch (HttpRequestException e) when (i + 1 < _http.Length && e.StatusCode is null or >= HttpStatusCode.InternalServerError)
            {
            }
        }
    }

    public Task<bool> PostSurveysAsync(IReadOnlyList<GeneratedSurvey> surveys, CancellationToken cancellationToken) => AnyAsync(async http =>
    {
        using var response = await http.PostAsJsonAsync(
            "api/surveys", surveys.Select(s => new { s.ContactId, s.Csat, s.Nps, s.Ces }), Json, cancellationToken);
        return response.IsSuccessStatusCode;
    });

    /// <summary>How many of <paramref name="events"/> (id and time) the server's journal holds, and the first missing ids.</summary>
    public Task<(int Known, IReadOnlyList<string> Missing)> LookupAsync(IReadOnlyList<EventKey> events, CancellationToken cancellationToken) => AnyAsync(async http =>
    {
        using var response = await http.PostAsJsonAsync("api/events/lookup", new { events = events.Select(e => new { id = e.Id, at = e.At }) }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return ((int Known, IReadOnlyList<string> Missing))(body.GetProperty("known").GetInt32(), body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList());
    });

    /// <summary>A queue's offered count today, read from its grain.</summary>
    public Task<int> OfferedTodayAsync(string queueId, CancellationToken cancellationToken) => AnyAsync(async http =>
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(queueId)}", Json, cancellationToken);
        return body.GetProperty("today").GetProperty("offered").GetInt32();
    });

    /// <summary>The (first) server's resident memory in bytes and its active grains by kind; null when it does not answer.</summary>
    public async Task<(long WorkingSet, IReadOnlyDictionary<string, int> Grains)?> SystemAsync(CancellationToken cancellationToken)
    {
        try
        {
            var body = await _http[0].GetFromJsonAsync<JsonElement>("api/system", Json, cancellationToken);
            var grains = body.GetProperty("activeGrains").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            return (body.GetProperty("workingSetBytes").GetInt64(), grains);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The agent and queue ids the server knows.</summary>
    public async Task<(HashSet<string> Agents, HashSet<string> Queues)> DirectoryAsync(CancellationToken cancellationToken)
    {
        var center = await GetJsonAsync("api/center", cancellationToken);
        var board = await GetJsonAsync("api/board", cancellationToken);
        return (
            board.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agentId").GetString()!).ToHashSet(),
            center.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToHashSet());
    }

    /// <summary>GET as JSON; a refusal says what key the server wants.</summary>
    private Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) => AnyAsync(async http =>
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"the server refused {path} ({(int)response.StatusCode}): give an API key with the events:write, surveys:write, board:read and system:read scopes " +
                "with --api-key or WFM_API_KEY (a demo server prints one at its first start; an admin creates one at /admin)");
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    });

    /// <summary>Waits until the server answers (after a start or restart); of a cluster, every silo.</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _http.Length; i++)
        {
            await WaitUntilUpAsync(i, timeout, cancellationToken);
        }
    }

    /// <summary>Waits until the silo <paramref name="index"/> of <see cref="Urls"/> answers.</summary>
    public async Task WaitUntilUpAsync(int index, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var url = Urls[index];
        while (true)
        {
            try
            {
                using var response = await _http[index].GetAsync("api/center", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"the server at {url} did not answer within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }
}
