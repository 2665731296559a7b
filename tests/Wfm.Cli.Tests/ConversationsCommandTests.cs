using System.Globalization;

namespace Wfm.Cli.Tests;

/// <summary>`wfm conversations analyze` on an export made here: every row back in order, and a review per conversation.</summary>
[Collection("console")]
public sealed class ConversationsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-conversations-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Analyze_WritesEveryRowInOrder_AndAReviewPerConversation()
    {
        var input = Path.Combine(_dir, "month.csv");
        File.WriteAllText(input, """
            conversation_id,sender,agent,customer_name,text
            c1,customer,,Ayşe,"I'm really frustrated, this is the third time."
            c2,customer,,,"Kargom nerede? Bıktım artık."
            c1,agent,agent-004,,"Hello Ayşe, I'm so sorry, I completely understand."
            c2,agent,agent-009,,"Politikamız gereği iade yapamıyoruz."
            c1,agent,agent-004,,"I also added free shipping to your next order."
            c1,customer,,,"Thank you so much!"
            """);
        var output = Path.Combine(_dir, "analysis.csv");

        var (code, stderr) = Cli.Run("conversations", "analyze", "--input", input, "--out", output);

        Assert.True(code == 0, stderr);
        var rows = Cli.ReadCsv(output);
        Assert.Equal(["c1", "c2", "c1", "c2", "c1", "c1"], rows.Select(r => r["conversation_id"]));
        Assert.Equal(["en", "tr", "en", "tr", "en", "en"], rows.Select(r => r["detected_language"]));
        Assert.Contains("acknowledge: I completely understand", rows[2]["empathy"]);
        Assert.Contains("policy: Politikamız gereği", rows[3]["negative_language"]);
        Assert.Contains("unstated need addressed: I also", rows[4]["wow"]);
        Assert.Contains("customer praise", rows[5]["wow"]);
        Assert.Contains("feeling", rows[1]["empathy"]);
        // The empathy model judges each agent sentence; a message shows its best one.
        Assert.Equal("true", rows[2]["empathetic"]);
        Assert.Contains(rows[2]["empathy_kind"], new[] { "acknowledge", "apology" });
        Assert.EndsWith(": Hello Ayşe, I'm so sorry, I completely understand.", rows[2]["empathetic_sentences"]);
        Assert.Equal("false", rows[3]["empathetic"]);
        Assert.Equal(string.Empty, rows[0]["empathy_score"]);

        var summary = Cli.ReadCsv(Path.Combine(_dir, "analysis-conversations.csv")).ToDictionary(r => r["conversation_id"]);
        Assert.Equal("found", summary["c1"]["acknowledge_feelings"]);
        Assert.Equal("found", summary["c1"]["first_name"]);
        Assert.Equal("missed", summary["c2"]["acknowledge_feelings"]);
        Assert.Equal("missed", summary["c2"]["no_negative_language"]);
        Assert.Equal("no opportunity", summary["c2"]["first_name"]);
        Assert.Equal("agent-004", summary["c1"]["agents"]);
        Assert.Equal("0.833", summary["c1"]["rubric_score"]);
        Assert.Equal(("2", "0"), (summary["c1"]["agent_sentences"], summary["c2"]["empathetic_sentences"]));
        Assert.Contains("2 conversations, 6 messages", stderr);
        Assert.Contains("analyzing 2 conversations: done in", stderr);
    }

    [Fact]
    public void UnknownSender_IsRefused_NamingTheLine()
    {
        var input = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(input, "conversation_id,sender,text\nc1,customer,hello\nc1,bot,hi there\n");

        var (code, stderr) = Cli.Run("conversations", "analyze", "--input", input, "--out", Path.Combine(_dir, "o.csv"));

        Assert.Equal(2, code);
        Assert.Contains("bad.csv line 3, column 'sender'", stderr);
        Assert.Contains("expected agent or customer, got 'bot'", stderr);
    }
}
