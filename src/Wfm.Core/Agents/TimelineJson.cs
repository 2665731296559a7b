using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wfm.Core.Agents;

/// <summary>
/// Stores a day's timeline compactly: "t1:" and base64 of, per change, the UTC ticks since the previous
/// change (a zigzag varint, usually 4–5 bytes) and the state (one byte) — about 8 characters a change instead
/// of about 60 as objects. An agent's state is saved every few seconds and its timeline grows all day, so this
/// is most of what the store writes. Timelines saved as arrays of objects by earlier versions still read.
/// </summary>
public sealed class TimelineJson : JsonConverter<List<StateChange>>
{
    private const string Prefix = "t1:";

    public override List<StateChange>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return JsonSerializer.Deserialize<List<StateChange>>(ref reader, options) ?? [];
        }

        var text = reader.GetString() ?? string.Empty;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new JsonException($"a timeline must start with '{Prefix}'");
        }

        var bytes = Convert.FromBase64String(text[Prefix.Length..]);
        var changes = new List<StateChange>(bytes.Length / 5);
        long ticks = 0;
        var position = 0;
        while (position < bytes.Length)
        {
            ulong raw = 0;
            var shift = 0;
            byte b;
            do
            {
                if (position >= bytes.Length || shift > 63)
                {
                    throw new JsonException("a timeline ends inside a change");
                }

                b = bytes[position++];
                raw |= (ulong)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            if (position >= bytes.Length)
            {
                throw new JsonException("a timeline change has no state");
            }

            ticks += (long)(raw >> 1) ^ -(long)(raw & 1);
            var state = (AgentState)bytes[position++];
            if (!Enum.IsDefined(state) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new JsonException($"a timeline change is not valid (state {(int)state}, ticks {ticks})");
            }

            changes.Add(new StateChange(new DateTimeOffset(ticks, TimeSpan.Zero), state));
        }

        return changes;
    }

    public override void Write(Utf8JsonWriter writer, List<StateChange> value, JsonSerializerOptions options)
    {
        var buffer = new byte[value.Count * 11];
        var length = 0;
        long previous = 0;
        foreach (var change in value)
        {
            var ticks = change.At.UtcTicks;
            var delta = ticks - previous;
            var raw = (ulong)((delta << 1) ^ (delta >> 63));
            previous = ticks;
            do
            {
                var b = (byte)(raw & 0x7F);
                raw >>= 7;
                buffer[length++] = raw != 0 ? (byte)(b | 0x80) : b;
            }
            while (raw != 0);

            buffer[length++] = (byte)change.State;
        }

        writer.WriteStringValue(Prefix + Convert.ToBase64String(buffer, 0, length));
    }
}
