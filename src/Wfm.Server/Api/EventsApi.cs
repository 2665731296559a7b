using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wfm.Grains.Ingestion;
using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>POST /api/events: a batch of contact and agent events, taken all-or-nothing.</summary>
public static class EventsApi
{
    public const int MaxBatch = 5000;

    /// <summary>Largest body accepted: 5,000 events with their longest ids and a message of 4,000 characters each would be more; real batches are far smaller.</summary>
    public const long MaxBodyBytes = 8L * 1024 * 1024;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostAsync)
            .RequireAccess(Access.Admins, WfmScopes.EventsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("PostEvents")
            .WithSummary("Record a batch of contact and agent events")
            .WithDescription("Each event has a sender-chosen id and a timestamp (a repeat — the same id and time, as a retry sends it — is accepted and counted once),, ISO 8601 with its offset " +
                "(at most 5 minutes ahead of the server, and by default at most 3 days late: a late event counts on its own day and interval, never today's). " +
                "A batch with any bad event is refused whole with a problem naming events[i].field.");
        return api;
    }

    private static async Task<Results<Ok<EventBatchAccepted>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        EventBatch? batch;
        var started = Stopwatch.GetTimestamp();
        try
        {
            batch = await request.ReadFromJsonAsync<EventBatch>(cancellationToken);
            EventIngestor.RecordPhase("read", Stopwatch.GetElapsedTime(started));
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(
                title: "The body is not a valid event batch",
                detail: $"{(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') + ": " : "")}{e.Message} Expected {{\"events\": [{{\"id\", \"type\", \"at\", ...}}]}}.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(title: "The batch is too large", detail: $"at most {MaxBodyBytes / 1024 / 1024} MB per request: send smaller batches",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Problem(title: "Unsupported content", detail: e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (batch?.Events is not { Count: > 0 } events)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = ["at least one event is required"] });
        }

        if (events.Count > MaxBatch)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = [$"{events.Count} events; at most {MaxBatch} per batch"] });
        }

        var result = await ingestor.IngestAsync(events, cancellationToken);
        if (result.IsRejected)
        {
            var errors = result.Errors
                .GroupBy(e => $"events[{e.Index}]" + (e.Field.Length > 0 ? $".{e.Field}" : ""))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "The batch was refused; nothing was stored");
        }

        EventIngestor.RecordPhase("request", Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(new EventBatchAccepted(result.Accepted, result.Duplicates));
    }
}
