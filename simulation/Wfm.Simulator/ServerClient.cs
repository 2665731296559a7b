using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Wfm.Core.Events;
using Wfm.Simulation;

namespace Wfm.Simulator;

/// <summary>The server's HTTP API as the drivers use it: post events, look event ids up, read the directory and the server's memory.</summary>
public sealed class ServerClient : IEventSink, IServerState, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _url;

    /// <param name="url">The server.</param>
    /// <param name="apiKey">A key with the events, surveys, board and system scopes (sent as X-Api-Key).</param>
    public ServerClient(Uri url, string? apiKey)
    {
        _url = url;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey.Trim());
        }
    }

    public Uri Url => _url;

    public async Task<PostOutcome> PostAsync(IReadOnlyList<ContactCenterEvent> batch, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/events", new { events = batch }, Json, cancellationToken);
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

    public async Task<bool> PostSurveysAsync(IReadOnlyList<GeneratedSurvey> surveys, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(
            "api/surveys", surveys.Select(s => new { s.ContactId, s.Csat, s.Nps, s.Ces }), Json, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>How many of <paramref name="ids"/> the server's journal holds, and the first missing ones.</summary>
    public async Task<(int Known, IReadOnlyList<string> Missing)> LookupAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/events/lookup", new { ids }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return (body.GetProperty("known").GetInt32(), body.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList());
    }

    /// <summary>A queue's offered count today, read from its grain.</summary>
    public async Task<int> OfferedTodayAsync(string queueId, CancellationToken cancellationToken)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(queueId)}", Json, cancellationToken);
        return body.GetProperty("today").GetProperty("offered").GetInt32();
    }

    /// <summary>The server's resident memory in bytes and its active grains by kind; null when it does not answer.</summary>
    public async Task<(long WorkingSet, IReadOnlyDictionary<string, int> Grains)?> SystemAsync(CancellationToken cancellationToken)
    {
        try
        {
            var body = await _http.GetFromJsonAsync<JsonElement>("api/system", Json, cancellationToken);
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
    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"the server refused {path} ({(int)response.StatusCode}): give an API key with the events:write, surveys:write, board:read and system:read scopes " +
                "with --api-key or WFM_API_KEY (a demo server prints one at its first start; an admin creates one at /admin)");
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
    }

    /// <summary>Waits until the server answers (after a start or restart).</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("api/center", cancellationToken);
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
                throw new TimeoutException($"the server at {_url} did not answer within {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();
}
