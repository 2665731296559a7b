using System.Globalization;

namespace Wfm.Core.Forecasting;

/// <summary>
/// Public holidays of the first users' countries for any span of years, including the moving
/// religious holidays computed from the Islamic (Hijri) calendar — Umm al-Qura where .NET has it
/// (1900–2077), the tabular calendar beyond — and Nowruz from the Persian solar calendar. Official
/// lunar dates follow moon sighting and can differ by a day: <c>lunarShift</c> moves a Gregorian
/// year's lunar holidays by −1, 0 or +1 day.
/// </summary>
public static class HolidayCalendars
{
    private static readonly UmAlQuraCalendar UmAlQura = new();
    private static readonly HijriCalendar Tabular = new();
    private static readonly PersianCalendar Persian = new();

    public static IReadOnlyList<string> Countries { get; } = ["TR", "IR"];

    /// <summary>The country's holidays from <paramref name="fromYear"/> to <paramref name="toYear"/> (Gregorian, inclusive).</summary>
    public static IReadOnlyList<SpecialDay> For(string country, int fromYear, int toYear, IReadOnlyDictionary<int, int>? lunarShift = null)
    {
        if (fromYear < 1901 || toYear > 2199 || toYear < fromYear)
        {
            throw new ForecastInputException("years", $"expected years between 1901 and 2199, got {fromYear}-{toYear}");
        }

        foreach (var (year, shift) in lunarShift ?? new Dictionary<int, int>())
        {
            if (shift is < -1 or > 1)
            {
                throw new ForecastInputException("lunarShift", $"{year}: expected -1, 0 or +1 day, got {shift}");
            }
        }

        var result = new List<SpecialDay>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var shift = lunarShift is not null && lunarShift.TryGetValue(year, out var s) ? s : 0;
            result.AddRange(country.Trim().ToUpperInvariant() switch
            {
                "TR" => Turkey(year, shift),
                "IR" => Iran(year, shift),
                _ => throw new ForecastInputException("country", $"unknown holiday calendar '{country}'; expected {string.Join(" or ", Countries)}"),
            });
        }

        return result.OrderBy(d => d.Date).ToArray();
    }

    /// <summary>Gregorian dates in <paramref name="year"/> of Hijri month/day (there can be two: the lunar year is 11 days shorter).</summary>
    public static IEnumerable<DateOnly> FromHijri(int year, int month, int day, int shift = 0)
    {
        var first = HijriYear(new DateTime(year, 1, 1));
        for (var hy = first; hy <= first + 1; hy++)
        {
            var calendar = UseUmAlQura(hy) ? (Calendar)UmAlQura : Tabular;
            if (day > calendar.GetDaysInMonth(hy, month))
            {
                continue;
            }

            var date = DateOnly.FromDateTime(calendar.ToDateTime(hy, month, day, 0, 0, 0, 0)).AddDays(shift);
            if (date.Year == year)
            {
                yield return date;
            }
        }
    }

    /// <summary>Gregorian date of a Persian (solar Hijri) date; 1 Farvardin is Nowruz.</summary>
    public static DateOnly FromPersian(int persianYear, int month, int day) =>
        DateOnly.FromDateTime(Persian.ToDateTime(persianYear, month, day, 0, 0, 0, 0));

    private static int HijriYear(DateTime date) =>
        date >= UmAlQura.MinSupportedDateTime && date <= UmAlQura.MaxSupportedDateTime ? UmAlQura.GetYear(date) : Tabular.GetYear(date);

    private static bool UseUmAlQura(int hijriYear) => hijriYear is > 1318 and < 1500;

    private static IEnumerable<SpecialDay> Turkey(int year, int shift)
    {
        yield return new SpecialDay(new DateOnly(year, 1, 1), "Yılbaşı");
        yield return new SpecialDay(new DateOnly(year, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı");
        yield return new SpecialDay(new DateOnly(year, 5, 1), "Emek ve Dayanışma Günü");
        yield return new SpecialDay(new DateOnly(year, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı");
        if (year >= 2017)
        {
            yield return new SpecialDay(new DateOnly(year, 7, 15), "Demokrasi ve Millî Birlik Günü");
        }

        yield return new SpecialDay(new DateOnly(year, 8, 30), "Zafer Bayramı");
        yield return new SpecialDay(new DateOnly(year, 10, 28), "Cumhuriyet Bayramı arifesi (yarım gün)");
        yield return new SpecialDay(new DateOnly(year, 10, 29), "Cumhuriyet Bayramı");
        foreach (var eid in FromHijri(year, 10, 1, shift))
        {
            yield return new SpecialDay(eid.AddDays(-1), "Ramazan Bayramı arifesi (yarım gün)");
            for (var k = 0; k < 3; k++)
            {
                yield return new SpecialDay(eid.AddDays(k), $"Ramazan Bayramı {k + 1}. gün");
            }
        }

        foreach (var eid in FromHijri(year, 12, 10, shift))
        {
            yield return new SpecialDay(eid.AddDays(-1), "Kurban Bayramı arifesi (yarım gün)");
            for (var k = 0; k < 4; k++)
            {
                yield return new SpecialDay(eid.AddDays(k), $"Kurban Bayramı {k + 1}. gün");
            }
        }
    }

    private static IEnumerable<SpecialDay> Iran(int year, int shift)
    {
        var py = year - 621; // the Persian year that starts in March of this Gregorian year
        var nowruz = FromPersian(py, 1, 1);
        for (var k = 0; k < 4; k++)
        {
            yield return new SpecialDay(nowruz.AddDays(k), $"Nowruz (نوروز) day {k + 1}");
        }

        yield return new SpecialDay(FromPersian(py, 1, 12), "Islamic Republic Day (روز جمهوری اسلامی)");
        yield return new SpecialDay(FromPersian(py, 1, 13), "Sizdah Bedar (سیزده‌بدر)");
        yield return new SpecialDay(FromPersian(py, 3, 14), "Death of Khomeini (رحلت امام خمینی)");
        yield return new SpecialDay(FromPersian(py, 3, 15), "15 Khordad uprising (قیام ۱۵ خرداد)");
        yield return new SpecialDay(FromPersian(py - 1, 11, 22), "Revolution Day (پیروزی انقلاب اسلامی)");
        yield return new SpecialDay(FromPersian(py - 1, 12, 29), "Oil Nationalization Day (ملی شدن صنعت نفت)");
        (int Month, int Day, string Name)[] lunar =
        [
            (1, 9, "Tasua (تاسوعا)"),
            (1, 10, "Ashura (عاشورا)"),
            (2, 20, "Arbaeen (اربعین)"),
            (2, 28, "Demise of the Prophet and Imam Hasan (رحلت پیامبر و شهادت امام حسن)"),
            (3, 8, "Martyrdom of Imam Hasan Askari (شهادت امام حسن عسکری)"),
            (3, 17, "Birth of the Prophet (میلاد پیامبر)"),
            (6, 3, "Martyrdom of Fatimah (شهادت حضرت فاطمه)"),
            (7, 13, "Birth of Imam Ali (ولادت امام علی)"),
            (7, 27, "Mab'ath (مبعث)"),
            (8, 15, "Birth of Imam Mahdi (ولادت امام مهدی)"),
            (9, 21, "Martyrdom of Imam Ali (شهادت امام علی)"),
            (10, 1, "Eid al-Fitr (عید فطر)"),
            (10, 2, "Eid al-Fitr day 2 (تعطیل عید فطر)"),
            (10, 25, "Martyrdom of Imam Sadiq (شهادت امام صادق)"),
            (12, 10, "Eid al-Adha (عید قربان)"),
            (12, 18, "Eid al-Ghadir (عید غدیر)"),
        ];
        foreach (var (month, day, name) in lunar)
        {
            foreach (var date in FromHijri(year, month, day, shift))
            {
                yield return new SpecialDay(date, name);
            }
        }
    }
}
