using Wfm.Core.Adherence;
using Wfm.Core.Agents;
using Wfm.Core.Directory;
using Wfm.Core.Events;
using Wfm.Core.Time;

namespace Wfm.Simulation;

/// <summary>
/// A seeded discrete-event contact center: Poisson arrivals shaped by the intraday profile, lognormal
/// handle times, exponential patience, agents following their planned shifts with late log-ins and long
/// breaks, longest-idle routing. <see cref="Advance"/> returns the events up to a moment, in time order.
/// </summary>
public sealed class TrafficGenerator
{
    private readonly DemoCenter _center;
    private readonly CenterClock _clock;
    private readonly int _seed;
    private readonly Random _random;
    private readonly string _prefix;
    private readonly double _volume;
    private readonly ArrivalProfile _profile;
    private readonly IReadOnlyDictionary<string, ArrivalProfile> _queueProfiles;
    private readonly Func<string, DateOnly, IReadOnlyList<PlannedActivity>> _plans;
    private readonly double _absence;
    private readonly PriorityQueue<Happening, (DateTimeOffset, long)> _future = new();
    private readonly Dictionary<string, SimAgent> _agents;
    private readonly Dictionary<string, SimQueue> _queues;
    private readonly Dictionary<string, SortedSet<SimAgent>> _idle; // per queue: its skilled agents who are available, longest idle first
    private readonly List<ContactCenterEvent> _out = [];
    private long _order;
    private long _nextId;
    private DateTimeOffset _now;

    /// <param name="plans">Each agent's planned day (empty: not working); default <see cref="ShiftPatterns"/>. Read when the day is about to start.</param>
    /// <param name="queueProfiles">Arrival shapes per queue (e.g. learned from its forecast, peak = the queue's <c>PeakPerHour</c>); others follow <paramref name="profile"/>.</param>
    /// <param name="absence">The share of agent-days an agent does not come in at all (sickness, an emergency).</param>
    public TrafficGenerator(DemoCenter center, CenterClock clock, int seed, DateTimeOffset start,
        IReadOnlyDictionary<string, AgentStart>? agents = null, IEnumerable<WaitingStart>? waiting = null, double volume = 1.0,
        ArrivalProfile? profile = null, Func<string, DateOnly, IReadOnlyList<PlannedActivity>>? plans = null,
        IReadOnlyDictionary<string, ArrivalProfile>? queueProfiles = null, double absence = 0)
    {
        _profile = profile ?? ArrivalProfile.Default;
        _queueProfiles = queueProfiles ?? new Dictionary<string, ArrivalProfile>();
        _absence = absence is >= 0 and < 1 ? absence : throw new ArgumentOutOfRangeException(nameof(absence), absence, "a share from 0 to below 1");
        _plans = plans ?? ((agent, day) => ShiftPatterns.PlanFor(agent, day, clock, seed));
        _center = center;
        _clock = clock;
        _seed = seed;
        _volume = volume;
        _random = new Random(StableSeed.Of(seed, start.UtcTicks));
        _prefix = $"sim{seed}-{start.UtcTicks:x}";
        _now = start;
        _queues = center.Queues.ToDictionary(q => q.Profile.Id, q => new SimQueue(q));
        var seq = 0;
        _agents = center.Agents.ToDictionary(a => a.Id, a => new SimAgent(a, seq++));
        _idle = _queues.Keys.ToDictionary(q => q, _ => new SortedSet<SimAgent>(SimAgent.LongestIdleFirst));

        foreach (var w in (waiting ?? []).OrderBy(w => w.ArrivedAt))
        {
            if (_queues.TryGetValue(w.QueueId, out var queue))
            {
                queue.Waiting.Add(w.ContactId, w.ArrivedAt);
                Schedule(start.AddSeconds(Exponential(queue.Demo.MeanPatienceSeconds)), new Abandon(w.QueueId, w.ContactId));
            }
        }

        foreach (var agent in _agents.Values)
        {
            var initial = agents?.GetValueOrDefault(agent.Profile.Id);
            if (initial is not null)
            {
                SetState(agent, initial.State, agent.Since);
                agent.ContactId = initial.ContactId;
                agent.QueueId = initial.QueueId;

                // A supervisor's state under way runs to its end; one asked for during the contact still starts when it ends.
                if (initial.HeldUntil > start)
                {
                    agent.HeldUntil = initial.HeldUntil;
                    Schedule(initial.HeldUntil.Value, new HoldEnd(agent.Profile.Id));
                }
                else if (initial.Requested is { } requested && initial.RequestedMinutes is { } minutes && initial.State == AgentState.OnContact)
                {
                    agent.Requested = (requested, minutes);
                }
            }

            ResumeAgent(agent, start);
        }

        foreach (var queue in _queues.Values)
        {
            ScheduleNextArrival(queue, start);
        }

        ScheduleDay(clock.LocalDate(start).AddDays(1), onlyAfter: start);
    }

    /// <summary>
    /// A supervisor's request that the server accepted (a StateRequested event): the agent goes into
    /// <paramref name="state"/> for <paramref name="minutes"/> — now, or when the contact in hand ends — and
    /// follows the plan again after it. Nothing is emitted for the start: the server made that change itself.
    /// </summary>
    public void Request(string agentId, AgentState state, int minutes)
    {
        if (!_agents.TryGetValue(agentId, out var agent) || agent.State == AgentState.Offline)
        {
            return;
        }

        if (agent.State == AgentState.OnContact)
        {
            agent.Requested = (state, minutes);
            return;
        }

        Hold(agent, state, minutes);
    }

    private void Hold(SimAgent agent, AgentState state, int minutes)
    {
        SetState(agent, state, _now);
        agent.ContactId = null;
        agent.Requested = null;
        agent.AfterHold = agent.Pending ?? agent.AfterHold;
        agent.Pending = null;
        agent.HeldUntil = _now.AddMinutes(minutes);
        Schedule(agent.HeldUntil.Value, new HoldEnd(agent.Profile.Id));
    }

    /// <summary>Every event that happens after the previous call and at or before <paramref name="until"/>.</summary>
    public IReadOnlyList<ContactCenterEvent> Advance(DateTimeOffset until)
    {
        _out.Clear();
        while (_future.TryPeek(out var happening, out var when) && when.Item1 <= until)
        {
            _future.Dequeue();
            _now = when.Item1;
            Handle(happening);
        }

        _now = until;
        return _out.ToList();
    }

    private void Handle(Happening happening)
    {
        switch (happening)
        {
            case Arrival(var queueId):
                Arrive(_queues[queueId]);
                break;
            case Abandon(var queueId, var contactId):
                var queue = _queues[queueId];
                if (queue.Waiting.Remove(contactId))
                {
                    Emit(EventType.ContactAbandoned, queueId: queueId, contactId: contactId);
                }

                break;
            case EndContact(var agentId):
                var agent = _agents[agentId];
                if (agent.State == AgentState.OnContact && agent.Requested is { } requested)
                {
                    // The server starts the requested state as the contact ends, instead of wrap-up.
                    Emit(EventType.ContactEnded, queueId: agent.QueueId, contactId: agent.ContactId, agentId: agentId, wrapUp: true);
                    Hold(agent, requested.State, requested.Minutes);
                }
                else if (agent.State == AgentState.OnContact)
                {
                    Emit(EventType.ContactEnded, queueId: agent.QueueId, contactId: agent.ContactId, agentId: agentId, wrapUp: true);
                    SetState(agent, AgentState.AfterContactWork, agent.Since);
                    agent.ContactId = null;
                    var wrap = _queues.GetValueOrDefault(agent.QueueId ?? "")?.Demo.MeanWrapUpSeconds ?? 20;
                    Schedule(_now.AddSeconds(Exponential(wrap)), new WrapUpEnd(agentId));
                }

                break;
            case WrapUpEnd(var agentId):
                var wrapping = _agents[agentId];
                if (wrapping.State == AgentState.AfterContactWork)
                {
                    MoveTo(wrapping, wrapping.Pending ?? AgentState.Available);
                }

                break;
            case HoldEnd(var agentId):
                var held = _agents[agentId];
                if (held.HeldUntil is { } end && end <= _now)
                {
                    var next = held.AfterHold ?? AgentState.Available;
                    held.HeldUntil = null;
                    held.AfterHold = null;
                    if (held.State != next && AgentStateMachine.CanMove(held.State, next))
                    {
                        MoveTo(held, next);
                    }
                }

                break;
            case PlanStep(var agentId, var desired):
                var planned = _agents[agentId];
                if (planned.HeldUntil > _now)
                {
                    planned.AfterHold = desired; // a supervisor's state runs its full length first
                }
                else if (AgentStateMachine.IsBusy(planned.State))
                {
                    planned.Pending = desired; // finish the contact first
                }
                else if (planned.State != desired && AgentStateMachine.CanMove(planned.State, desired))
                {
                    MoveTo(planned, desired);
                }

                break;
            case ThinningPause(var pausedQueue):
                ScheduleNextArrival(_queues[pausedQueue], _now);
                break;
            case NewDay(var day):
                ScheduleDay(day.AddDays(1), onlyAfter: _now);
                break;
        }
    }

    private void Arrive(SimQueue queue)
    {
        var contactId = $"{_prefix}-c{++_nextId}";
        Emit(EventType.ContactArrived, queueId: queue.Demo.Profile.Id, contactId: contactId);
        var idle = _idle[queue.Demo.Profile.Id];
        var agent = idle.Count > 0 ? idle.Min : null;
        if (agent is not null)
        {
            Answer(agent, queue, contactId);
        }
        else
        {
            queue.Waiting.Add(contactId, _now);
            Schedule(_now.AddSeconds(Exponential(queue.Demo.MeanPatienceSeconds)), new Abandon(queue.Demo.Profile.Id, contactId));
        }

        ScheduleNextArrival(queue, _now);
    }

    private void Answer(SimAgent agent, SimQueue queue, string contactId)
    {
        Emit(EventType.ContactAnswered, queueId: queue.Demo.Profile.Id, contactId: contactId, agentId: agent.Profile.Id);
        SetState(agent, AgentState.OnContact, _now);
        agent.ContactId = contactId;
        agent.QueueId = queue.Demo.Profile.Id;
        Schedule(_now.AddSeconds(LogNormal(queue.Demo.MeanHandleSeconds)), new EndContact(agent.Profile.Id));
    }

    private void MoveTo(SimAgent agent, AgentState state)
    {
        agent.Pending = null;
        if (agent.State == state)
        {
            return;
        }

        Emit(EventType.AgentStateChanged, agentId: agent.Profile.Id, state: state);
        SetState(agent, state, _now);
        if (state == AgentState.Available)
        {
            TakeWaiting(agent);
        }
    }

    private void TakeWaiting(SimAgent agent)
    {
        var best = agent.Profile.Skills
            .Select(s => _queues.GetValueOrDefault(s.QueueId))
            .Where(q => q is not null && q.Waiting.Count > 0)
            .MinBy(q => q!.Waiting.Oldest.ArrivedAt);
        if (best is not null)
        {
            var contactId = best.Waiting.TakeOldest();
            Answer(agent, best, contactId);
        }
    }

    /// <summary>On start: finish what the agent is doing, and put them where their plan says they should be.</summary>
    private void ResumeAgent(SimAgent agent, DateTimeOffset start)
    {
        if (agent.State == AgentState.OnContact && agent.ContactId is not null)
        {
            var handle = _queues.GetValueOrDefault(agent.QueueId ?? "")?.Demo.MeanHandleSeconds ?? 180;
            Schedule(start.AddSeconds(Exponential(handle / 2)), new EndContact(agent.Profile.Id));
        }
        else if (agent.State is AgentState.OnContact or AgentState.AfterContactWork)
        {
            SetState(agent, AgentState.AfterContactWork, agent.Since);
            Schedule(start.AddSeconds(Exponential(15)), new WrapUpEnd(agent.Profile.Id));
        }

        var today = _clock.LocalDate(start);
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var plan = PlanFor(agent.Profile.Id, day);
            var current = plan.FirstOrDefault(a => a.Start <= start && start < a.End);
            if (current is not null)
            {
                if (agent.State == AgentState.Offline && current.Kind is not ActivityKind.Work)
                {
                    Schedule(start, new PlanStep(agent.Profile.Id, AgentState.Available));
                }

                Schedule(start.AddSeconds(_random.Next(0, 20)), new PlanStep(agent.Profile.Id, Desired(current.Kind)));
            }

            SchedulePlan(agent.Profile.Id, plan, start);
        }

        if (agent.State != AgentState.Offline && !IsScheduled(agent.Profile.Id, today, start))
        {
            Schedule(start.AddSeconds(_random.Next(0, 30)), new PlanStep(agent.Profile.Id, AgentState.Offline));
        }
    }

    private bool IsScheduled(string agentId, DateOnly today, DateTimeOffset at) =>
        new[] { today.AddDays(-1), today }.Any(d => PlanFor(agentId, d).Any(a => a.Start <= at && at < a.End));

    /// <summary>The agent's plan for the day, or nothing on a day they are absent.</summary>
    private IReadOnlyList<PlannedActivity> PlanFor(string agentId, DateOnly day) =>
        _absence > 0 && new Random(StableSeed.Of(_seed, ShiftPatterns.StableHash(agentId), day.DayNumber, 17)).NextDouble() < _absence ? [] : _plans(agentId, day);

    private void ScheduleDay(DateOnly day, DateTimeOffset onlyAfter)
    {
        foreach (var agent in _agents.Values)
        {
            SchedulePlan(agent.Profile.Id, PlanFor(agent.Profile.Id, day), onlyAfter);
        }

        Schedule(_clock.StartOfDay(day), new NewDay(day));
    }

    /// <summary>Each planned boundary after <paramref name="after"/>, shifted by a human deviation.</summary>
    private void SchedulePlan(string agentId, IReadOnlyList<PlannedActivity> plan, DateTimeOffset after)
    {
        foreach (var activity in plan.Where(a => a.Start > after))
        {
            Schedule(activity.Start.AddSeconds(Deviation()), new PlanStep(agentId, Desired(activity.Kind)));
        }

        if (plan.Count == 0)
        {
            return;
        }

        var end = plan.Max(a => a.End);
        if (end > after)
        {
            Schedule(end.AddSeconds(EndDeviation()), new PlanStep(agentId, AgentState.Offline));
        }
    }

    /// <summary>Most leave within a minute of the end; one in ten leaves 5–20 minutes early.</summary>
    private double EndDeviation() => _random.NextDouble() < 0.1 ? -_random.Next(300, 1200) : _random.Next(-30, 60);

    /// <summary>Log-ins and returns from breaks: mostly on time (within a minute); one time in four a few minutes late (a late log-in, a long break).</summary>
    private double Deviation() => _random.NextDouble() < 0.25 ? _random.Next(60, 480) : _random.Next(-30, 60);

    private static AgentState Desired(ActivityKind kind) => kind switch
    {
        ActivityKind.Break => AgentState.Break,
        ActivityKind.Lunch => AgentState.Lunch,
        ActivityKind.Training => AgentState.Training,
        ActivityKind.Coaching => AgentState.Coaching,
        ActivityKind.Meeting => AgentState.Meeting,
        _ => AgentState.Available,
    };

    /// <summary>
    /// Non-homogeneous Poisson arrivals by thinning against the peak rate: the queue's peak × volume ×
    /// the profile's factor at each moment.
    /// </summary>
    private void ScheduleNextArrival(SimQueue queue, DateTimeOffset from)
    {
        var profile = _queueProfiles.GetValueOrDefault(queue.Demo.Profile.Id) ?? _profile;
        var peak = queue.Demo.PeakPerHour * _volume * profile.MaxFactor / 3600.0;
        if (peak <= 0)
        {
            return;
        }

        var t = from;
        for (var tries = 0; tries < 10_000; tries++)
        {
            t = t.AddSeconds(-Math.Log(1 - _random.NextDouble()) / peak);
            if (_random.NextDouble() * profile.MaxFactor <= profile.Factor(_clock.ToLocal(t)))
            {
                Schedule(t, new Arrival(queue.Demo.Profile.Id));
                return;
            }
        }

        Schedule(t, new ThinningPause(queue.Demo.Profile.Id)); // a long quiet stretch (closed hours): go on from there later
    }

    /// <summary>Changes an agent's state, keeping the per-queue longest-idle index in step.</summary>
    private void SetState(SimAgent agent, AgentState state, DateTimeOffset since)
    {
        if (agent.State == AgentState.Available)
        {
            foreach (var skill in agent.Profile.Skills)
            {
                _idle.GetValueOrDefault(skill.QueueId)?.Remove(agent);
            }
        }

        agent.State = state;
        agent.Since = since;
        if (state == AgentState.Available)
        {
            foreach (var skill in agent.Profile.Skills)
            {
                _idle.GetValueOrDefault(skill.QueueId)?.Add(agent);
            }
        }
    }

    private void Schedule(DateTimeOffset at, Happening happening) => _future.Enqueue(happening, (at, ++_order));

    private void Emit(EventType type, string? queueId = null, string? contactId = null, string? agentId = null, AgentState? state = null, bool? wrapUp = null) =>
        _out.Add(new ContactCenterEvent
        {
            Id = $"{_prefix}-e{++_nextId}",
            Type = type,
            At = _now,
            QueueId = queueId,
            ContactId = contactId,
            AgentId = agentId,
            State = state,
            WrapUp = wrapUp,
        });

    private double Exponential(double mean) => -Math.Log(1 - _random.NextDouble()) * mean;

    private double LogNormal(double mean, double sigma = 0.6)
    {
        var mu = Math.Log(mean) - sigma * sigma / 2;
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Exp(mu + sigma * normal);
    }

    private abstract record Happening;
    private sealed record Arrival(string QueueId) : Happening;
    private sealed record Abandon(string QueueId, string ContactId) : Happening;
    private sealed record EndContact(string AgentId) : Happening;
    private sealed record WrapUpEnd(string AgentId) : Happening;
    private sealed record PlanStep(string AgentId, AgentState Desired) : Happening;
    private sealed record HoldEnd(string AgentId) : Happening;
    private sealed record NewDay(DateOnly Day) : Happening;
    private sealed record ThinningPause(string QueueId) : Happening;

    private sealed class SimAgent(AgentProfile profile, int seq)
    {
        /// <summary>Longest idle first; among equals, directory order.</summary>
        public static readonly IComparer<SimAgent> LongestIdleFirst = Comparer<SimAgent>.Create((a, b) =>
        {
            var bySince = a.Since.CompareTo(b.Since);
            return bySince != 0 ? bySince : a.Seq.CompareTo(b.Seq);
        });

        public AgentProfile Profile { get; } = profile;
        public int Seq { get; } = seq;
        public AgentState State { get; set; } = AgentState.Offline;
        public DateTimeOffset Since { get; set; }
        public string? ContactId { get; set; }
        public string? QueueId { get; set; }
        public AgentState? Pending { get; set; }

        /// <summary>A supervisor's request made during the contact: starts when it ends.</summary>
        public (AgentState State, int Minutes)? Requested { get; set; }

        /// <summary>The end of a supervisor-set state the agent is in; plan steps wait for it.</summary>
        public DateTimeOffset? HeldUntil { get; set; }

        /// <summary>Where the plan wanted the agent while held: they go there when the hold ends.</summary>
        public AgentState? AfterHold { get; set; }
    }

    private sealed class SimQueue(DemoQueue demo)
    {
        public DemoQueue Demo { get; } = demo;
        public WaitingLine Waiting { get; } = new();
    }

    /// <summary>Contacts waiting in a queue, oldest first: adding, taking the oldest and removing an abandoning one are all O(1) (removals are skipped lazily).</summary>
    private sealed class WaitingLine
    {
        private readonly Queue<(string ContactId, DateTimeOffset ArrivedAt)> _order = new();
        private readonly HashSet<string> _present = [];

        public int Count => _present.Count;

        public (string ContactId, DateTimeOffset ArrivedAt) Oldest
        {
            get
            {
                Skip();
                return _order.Peek();
            }
        }

        public void Add(string contactId, DateTimeOffset arrivedAt)
        {
            if (_present.Add(contactId))
            {
                _order.Enqueue((contactId, arrivedAt));
            }
        }

        public bool Remove(string contactId) => _present.Remove(contactId);

        public string TakeOldest()
        {
            Skip();
            var (contactId, _) = _order.Dequeue();
            _present.Remove(contactId);
            return contactId;
        }

        private void Skip()
        {
            while (_order.Count > 0 && !_present.Contains(_order.Peek().ContactId))
            {
                _order.Dequeue();
            }
        }
    }
}
