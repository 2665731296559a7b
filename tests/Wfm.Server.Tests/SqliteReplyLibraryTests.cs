using Wfm.Core.Conversations;
using Wfm.Data.Conversations;

namespace Wfm.Server.Tests;

/// <summary>The SQLite reply library's start-up read: the window, at least the newest N, at most the newest M.</summary>
public sealed class SqliteReplyLibraryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadRecent_WindowAtLeastAndAtMost()
    {
        await using var db = TempSqlite.Create("replies");
        var library = new SqliteReplyLibrary(db.Database, db.Writer);
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await library.AddAsync(new ReplyPair(0, now.AddDays(-10 + i), "en", "q", "a", $"question {i}", $"answer {i}"), Ct);
        }

        async Task<List<long>> Ids(int atLeast, int atMost = int.MaxValue) =>
            (await library.ReadRecentAsync(now.AddDays(-5), atLeast, atMost, Ct)).Select(p => p.Id).ToList();

        Assert.Equal([6L, 7L, 8L, 9L, 10L], await Ids(2));
        Assert.Equal([8L, 9L, 10L], await Ids(2, 3));
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L, 10L], await Ids(7, 8));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i).ToList(), await Ids(20, 50));
    }
}
