using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Wfm.Server.Hosting;

/// <summary>
/// A point in time from the API's JSON must say its offset (<c>Z</c> or <c>±hh:mm</c>): without one, .NET reads the
/// text in the server machine's local time, which is neither the sender's nor the center's. Written as ISO 8601 with offset.
/// </summary>
public sealed partial class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
{
    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Offset();

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a date and time as a string, ISO 8601 with offset (e.g. 2026-12-07T09:30:00+03:00), got {reader.TokenType}");
        }

        var text = reader.GetString()!;
        if (!Offset().IsMatch(text.Trim()))
        {
            throw new JsonException($"'{text}' has no offset; expected ISO 8601 with Z or ±hh:mm (e.g. 2026-12-07T09:30:00+03:00)");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            throw new JsonException($"'{text}' is not a date and time; expected ISO 8601 with offset (e.g. 2026-12-07T09:30:00+03:00)");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
