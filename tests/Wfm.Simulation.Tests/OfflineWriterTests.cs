using Wfm.Planning.Csv;
using Wfm.Simulator;

namespace Wfm.Simulation.Tests;

public sealed class OfflineWriterTests
{
    [Fact]
    public void History_IsReadableByTheForecaster_AndAgreesWithThePerContactFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"wfm-offline-{Guid.NewGuid():N}");
        try
        {
            var report = OfflineWriter.Write(new LoadSettings { Agents = 24, MaxEvents = 1 }, new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 25), 30, folder, profile: null);

            var histories = HistoryCsv.Read(report.Files[0]);
            Assert.Equal(4, histories.Count);
            Assert.All(histories, h => Assert.Equal(21, h.DayCount));
            var offered = histories.Sum(h => Enumerable.Range(0, h.DayCount).Sum(h.DayTotal));
            var contactLines = File.ReadLines(report.Files[1]).Count() - 1;
            Assert.Equal(contactLines, (int)offered);
            Assert.Equal(report.Contacts, contactLines);
            Assert.True(report.ConversationLines > 100 && report.Surveys > 100, $"{report.ConversationLines} messages, {report.Surveys} surveys");
            Assert.StartsWith("conversation_id,sender,text,language,agent,timestamp", File.ReadLines(report.Files[2]).First());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BadRange_IsRefusedWithTheOptionNamed()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            OfflineWriter.Write(new LoadSettings(), new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 1), 15, Path.GetTempPath(), null));
        Assert.Contains("--to", error.Message);
    }
}
