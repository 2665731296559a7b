using System.Globalization;

namespace Wfm.Planning.Charts;

/// <summary>
/// The words on a chart (titles, axes, legend) in the reader's language. Built from the UI's string
/// table for the server's pages; English by default for the CLI. Formats take invariant numbers.
/// </summary>
public sealed class ChartText(IReadOnlyDictionary<string, string>? strings = null, string language = "en")
{
    private static readonly PersianCalendar Persian = new();

    /// <summary>The reader's language (en, tr or fa): it chooses the calendar and digits of the dates on the axes.</summary>
    public string Language { get; } = language;

    /// <summary>A day on a date axis: month-day in English, day.month in Turkish, the Solar Hijri month/day in Persian digits.</summary>
    public string Day(DateTime at) => Language switch
    {
        "fa" => Digits(string.Create(CultureInfo.InvariantCulture, $"{Persian.GetMonth(at):00}/{Persian.GetDayOfMonth(at):00}")),
        "tr" => at.ToString("dd.MM", CultureInfo.InvariantCulture),
        _ => at.ToString("MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>A time of day on a time axis (24-hour), in the language's digits.</summary>
    public string Time(DateTime at) => Language == "fa" ? Digits(at.ToString("HH:mm", CultureInfo.InvariantCulture)) : at.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Western digits as Persian ones.</summary>
    private static string Digits(string text) => string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c));

    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["chart.history"] = "history",
        ["chart.forecast"] = "forecast ({0})",
        ["chart.band"] = "{0} prediction interval",
        ["chart.contactsPerInterval"] = "contacts per interval",
        ["chart.forecastTitle"] = "{0}: {1} forecast, {2}-minute intervals",
        ["chart.agents"] = "agents",
        ["chart.modelVsActualTitle"] = "{0}, {1}: service level per interval, what happened and what each model said",
        ["chart.actualSl"] = "actual",
        ["chart.slPercent"] = "service level (%)",
        ["chart.simulation"] = "simulation",
        ["chart.calibrated"] = "calibrated",
        ["chart.requiredAgents"] = "required agents",
        ["chart.scheduledAgents"] = "scheduled (after shrinkage)",
        ["chart.forecastContacts"] = "forecast contacts",
        ["chart.backlog"] = "items waiting (end of interval)",
        ["chart.arrivals"] = "items arriving",
        ["chart.items"] = "items",
        ["chart.required"] = "required",
        ["chart.scheduled"] = "scheduled",
        ["chart.coverageTitle"] = "Coverage against requirement",
        ["chart.burnoutTitle"] = "{0}: burnout risk, last {1} days",
        ["chart.burnoutScore"] = "risk score (0–100)",
        ["chart.watch"] = "watch",
        ["chart.alert"] = "alert",
        ["chart.kpiTitle"] = "{0}: the last {1} weeks",
        ["chart.handled"] = "contacts handled",
        ["chart.minutesSeconds"] = "AHT (min), first response (s)",
        ["chart.aht"] = "average handle time (min)",
        ["chart.firstResponse"] = "first response (s)",
        ["chart.intradayTitle"] = "{0}: today as of {1}",
        ["chart.dayAhead"] = "day-ahead forecast",
        ["chart.actual"] = "offered",
        ["chart.reforecast"] = "re-forecast",
        ["chart.reforecastBand"] = "80 % band",
        ["chart.requiredNow"] = "required (re-forecast)",
        ["chart.serviceTitle"] = "{0}: service level planned and expected, as of {1}",
        ["chart.serviceLevel"] = "service level (%)",
        ["chart.target"] = "target",
        ["chart.expected"] = "expected (simulated)",
        ["chart.expectedBand"] = "expected, middle 80 %",
        ["chart.actualService"] = "actual",
        ["chart.capacityTitle"] = "Required FTE and supply, week by week",
        ["chart.fte"] = "FTE",
        ["chart.requiredFte"] = "required (interval models)",
        ["chart.flatFte"] = "workload ÷ hours",
        ["chart.availableFte"] = "available",
        ["chart.withOvertime"] = "available with overtime",
        ["chart.scenariosTitle"] = "Scenarios: required and supply",
        ["chart.scenarioRequired"] = "{0}: required",
        ["chart.scenarioSupply"] = "{0}: supply",
    };

    public static ChartText English { get; } = new();

    /// <summary>Every key a chart uses, for string tables to cover.</summary>
    public static IReadOnlyCollection<string> Keys => Defaults.Keys;

    public string this[string key] =>
        strings is not null && strings.TryGetValue(key, out var text) && !string.IsNullOrWhiteSpace(text) ? text : Defaults[key];

    public string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);
}
