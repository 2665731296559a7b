using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Wfm.Server.Hosting;

/// <summary>
/// A request the server cannot read is the client's: answered with its own status (413 for a body over its limit, 400
/// otherwise) as problem details, never as a 500. A JSON body of the wrong shape names the field (from the JSON path) and
/// what could not be read there.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        ProblemDetails details = bad.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field(json.Path)] = [Explain(json)] }) { Title = "The request body could not be read" }
            : new ProblemDetails { Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request could not be read", Detail = bad.Message };
        details.Status = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details });
    }

    /// <summary>"$.specialDays[0].date" → "specialDays[0].date"; the body itself when the path is the root.</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What went wrong in the API's words (the serializer's own message names .NET types the caller never sees).</summary>
    private static string Explain(JsonException json) =>
        json.Path is null or "$"
            ? "is not valid JSON of the expected shape (an object with the documented fields)"
            : "has a value of the wrong type: expected a number, text, true/false, a date as yyyy-MM-dd or a list, as the API documents for this field";
}
