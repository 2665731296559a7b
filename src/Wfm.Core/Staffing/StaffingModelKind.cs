namespace Wfm.Core.Staffing;

/// <summary>Which queueing model turns load into agents.</summary>
public enum StaffingModelKind
{
    /// <summary>M/M/n: nobody hangs up. The classic; overstaffs where customers do abandon.</summary>
    ErlangC,

    /// <summary>M/M/n+M: exponential patience; abandoning contacts free capacity and count as misses.</summary>
    ErlangA,

    /// <summary>Chat: each agent serves several conversations at once, handle time stretching with concurrency (<see cref="ChatQueue"/>).</summary>
    Chat,
}
