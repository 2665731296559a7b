using Wfm.Core.Staffing;
using Wfm.Planning.Csv;
using Wfm.Planning.Staffing;
using Wfm.Scheduling;

namespace Wfm.Planning.Scheduling;

/// <summary>
/// What a schedule's coverage delivers: the reverse staffing calculation (Erlang A with a patience, else
/// Erlang C) per interval on the contacts and handle times of a requirement file written by
/// <c>wfm staff</c>, and the contact-weighted service level per skill. With a calibration, the skills it covers count
/// the agents a schedule puts on them as logged in and get the calibrated expected service level.
/// </summary>
public sealed record ExpectedServiceLevel(
    IReadOnlyDictionary<(string Skill, DateTime Start), double> PerInterval, IReadOnlyDictionary<string, double> PerSkill, string Model)
{
    /// <summary>Null when the requirement has no forecast and handle times to compute it from.</summary>
    public static ExpectedServiceLevel? Of(
        TextReader requirement, string fileName, ScheduleResult result, string serviceLevel, double? patience, Core.Staffing.Calibration.StaffingCalibration? calibration = null)
    {
        var text = requirement.ReadToEnd();
        var header = (text.Split('\n', 2)[0]).Split(',', StringSplitOptions.TrimEntries);
        if (!header.Contains("forecast") || !header.Contains("aht_seconds"))
        {
            return null;
        }

        var start = result.SlotTime(0);
        var end = result.SlotTime(result.Problem.Slots);
        var series = ForecastCsv.Read(new StringReader(text), fileName, intervalMinutes: result.Problem.IntervalMinutes)
            .Where(s => result.Coverage.ContainsKey(s.Queue))
            .Select(s => s with { Points = s.Points.Where(p => p.Timestamp >= start && p.Timestamp < end).ToArray() })
            .Where(s => s.Points.Count > 0)
            .ToArray();
        var agents = new Dictionary<(string, DateTime), double>();
        foreach (var s in series)
        {
            foreach (var p in s.Points)
            {
                var slot = (int)((p.Timestamp - start).TotalMinutes / result.Problem.IntervalMinutes);
                agents[(s.Queue, p.Timestamp)] = result.Coverage[s.Queue][slot].Working;
            }
        }

        var model = patience is null ? StaffingModelKind.ErlangC : StaffingModelKind.ErlangA;
        var request = new StaffingRequest(model, ServiceTargets.ParseServiceLevel(serviceLevel), patience);
        var calibrated = calibration is null ? [] : series.Where(s => calibration.Covers(s.Queue)).ToArray();
        var rows = StaffingRunner.Reverse([.. series.Except(calibrated)], agents, request)
            .Concat(calibrated.Length == 0 ? [] : StaffingRunner.Reverse(calibrated, agents, request with { Calibration = calibration }))
            .ToArray();
        var perInterval = rows.ToDictionary(r => (r.Queue, r.Timestamp), r => r.Outcome.ServiceLevel);
        var perSkill = rows.GroupBy(r => r.Queue).ToDictionary(g => g.Key, g => g.Sum(r => r.Contacts) > 0 ? g.Sum(r => r.Outcome.ServiceLevel * r.Contacts) / g.Sum(r => r.Contacts) : 0);
        var label = $"{model}, {serviceLevel}{(patience is null ? string.Empty : $", patience {patience:0} s")}";
        return new ExpectedServiceLevel(perInterval, perSkill, calibrated.Length == 0 ? label : $"{label}; calibrated for {string.Join(", ", calibrated.Select(s => s.Queue))}");
    }
}
