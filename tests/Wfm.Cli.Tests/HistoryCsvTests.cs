using Wfm.Core.Forecasting;
using Wfm.Planning.Csv;

namespace Wfm.Cli.Tests;

public sealed class HistoryCsvTests
{
    private static string Days(int days, Func<DateTime, string> row, string header)
    {
        var lines = new List<string> { header };
        for (var d = 0; d < days; d++)
        {
            lines.Add(row(new DateTime(2026, 2, 2).AddDays(d)));
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public void Per_contact_rows_are_aggregated_to_intervals_with_aht_from_handled_contacts()
    {
        var text = Days(15, d => $"{d:yyyy-MM-dd} 09:05,sales,300,false\n{d:yyyy-MM-dd} 09:20,sales,100,false\n{d:yyyy-MM-dd} 09:25,sales,,true\n{d:yyyy-MM-dd} 10:01,sales,60,no", "arrival,queue,handle_seconds,abandoned");
        var history = Assert.Single(HistoryCsv.Read(new StringReader(text), "contacts.csv", new HistoryReadOptions { IntervalMinutes = 30 }));

        Assert.Equal("sales", history.Queue);
        Assert.Equal(30, history.IntervalMinutes);
        Assert.Equal(3, history.Volume(0, 18)); // 09:00–09:30: three arrivals, one abandoned
        Assert.Equal((200, 2), history.HandleTime(0, 18));
        Assert.Equal(1, history.Volume(0, 20));
    }

    [Fact]
    public void Finer_intervals_sum_up_and_queues_and_channels_split()
    {
        var text = Days(14, d => $"{d:yyyy-MM-dd} 08:00,care,voice,5\n{d:yyyy-MM-dd} 08:00,care,chat,2\n{d:yyyy-MM-dd} 08:15,care,voice,7", "timestamp,queue,channel,offered");
        var histories = HistoryCsv.Read(new StringReader(text), "h.csv", new HistoryReadOptions { IntervalMinutes = 30 });

        Assert.Equal(["care/voice", "care/chat"], histories.Select(h => h.Queue));
        Assert.Equal(12, histories[0].Volume(0, 16));
        Assert.Equal(2, histories[1].Volume(0, 16));
    }

    [Fact]
    public void Mixed_interval_lengths_are_refused_at_their_line()
    {
        var text = "date,interval_start,interval_minutes,offered\n2026-02-02,08:00,30,5\n2026-02-02,08:30,15,5";
        var ex = Assert.Throws<InputFileException>(() => HistoryCsv.Read(new StringReader(text), "h.csv"));
        Assert.Equal(3, ex.Line);
        Assert.Equal("interval_minutes", ex.Column);
    }

    [Fact]
    public void Columns_map_by_option_and_unknown_names_are_refused()
    {
        var text = Days(14, d => $"{d:dd.MM.yyyy};{d:HH}:00;4".Replace(';', ','), "Tarih,Saat,Cagri");
        var columns = new HistoryColumns().Map(["date=Tarih", "time=Saat", "offered=Cagri"]);
        var history = Assert.Single(HistoryCsv.Read(new StringReader(text), "tr.csv", new HistoryReadOptions { Columns = columns, IntervalMinutes = 60 }));
        Assert.Equal(4, history.Volume(13, 0));
        Assert.Throws<ForecastInputException>(() => new HistoryColumns().Map(["colour=x"]));
    }

    [Fact]
    public void The_repeated_autumn_hour_is_summed_and_timestamps_with_offsets_are_converted()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var lines = new List<string> { "timestamp,offered" };
        for (var d = 0; d < 14; d++)
        {
            var day = new DateTime(2026, 10, 18).AddDays(d);
            lines.Add($"{day:yyyy-MM-dd} 02:00,1");
            lines.Add($"{day:yyyy-MM-dd} 02:30,1");
            if (day.Day == 25)
            {
                // 2026-10-25: clocks go back at 03:00 CEST, so 02:00–03:00 happens twice.
                lines.Add($"{day:yyyy-MM-dd} 02:00,2");
                lines.Add($"{day:yyyy-MM-dd} 02:30,2");
            }
        }

        var history = Assert.Single(HistoryCsv.Read(new StringReader(string.Join('\n', lines)), "dst.csv", new HistoryReadOptions { TimeZone = zone }));
        Assert.Equal(3, history.Volume(7, 4));
        Assert.Equal(1, history.Volume(6, 4));

        var utc = "timestamp,offered\n" + string.Join('\n', Enumerable.Range(0, 14).Select(d => $"{new DateTime(2026, 1, 5).AddDays(d):yyyy-MM-dd}T07:00:00Z,9"));
        var converted = Assert.Single(HistoryCsv.Read(new StringReader(utc), "utc.csv", new HistoryReadOptions { TimeZone = zone, IntervalMinutes = 60 }));
        Assert.Equal(9, converted.Volume(0, 8)); // 07:00 UTC is 08:00 in Berlin in January
    }
}
