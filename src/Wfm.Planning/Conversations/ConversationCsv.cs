using Wfm.Core.Conversations;
using Wfm.Planning.Csv;

namespace Wfm.Planning.Conversations;

/// <summary>One row of a conversations export: its fields as read, and the message it holds.</summary>
public sealed record ConversationRow(int Line, IReadOnlyList<string> Fields, ConversationMessage Message, string? CustomerName);

/// <summary>
/// Reads an exported month of conversations: one message per row with conversation_id, sender (agent or
/// customer), text, and optionally language, agent, timestamp and customer_name. Rows of a conversation
/// keep their order in the file.
/// </summary>
public static class ConversationCsv
{
    public static (IReadOnlyList<string> Columns, List<ConversationRow> Rows) Read(TextReader reader, string fileName)
    {
        using var csv = new CsvFieldReader(reader, fileName);
        csv.Require("conversation_id", "sender", "text");
        var columns = csv.Columns.ToArray();
        var rows = new List<ConversationRow>();
        while (csv.Read())
        {
            var id = csv.Text("conversation_id");
            if (id.Length == 0)
            {
                throw csv.Error("conversation_id", "is empty; every message belongs to a conversation");
            }

            var sender = csv.Text("sender").ToLowerInvariant() switch
            {
                "agent" or "a" => Sender.Agent,
                "customer" or "c" or "client" => Sender.Customer,
                var other => throw csv.Error("sender", $"expected agent or customer, got '{other}'"),
            };
            var language = csv.Has("language") && csv.Text("language").Length > 0 ? csv.Text("language").ToLowerInvariant() : null;
            if (language is not null && !LanguageDetector.Languages.Contains(language))
            {
                throw csv.Error("language", $"expected en, tr or fa (or empty to detect), got '{language}'");
            }

            DateTimeOffset? at = csv.Has("timestamp") && csv.Text("timestamp").Length > 0 ? new DateTimeOffset(csv.Timestamp("timestamp"), TimeSpan.Zero) : null;
            var agent = csv.Has("agent") && csv.Text("agent").Length > 0 ? csv.Text("agent") : null;
            var name = csv.Has("customer_name") && csv.Text("customer_name").Length > 0 ? csv.Text("customer_name") : null;
            rows.Add(new ConversationRow(csv.Line, columns.Select(csv.Text).ToArray(), new ConversationMessage(id, sender, csv.Text("text"), language, agent, at), name));
        }

        return (columns, rows);
    }
}
