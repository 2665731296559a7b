using Bogus;
using Wfm.Core.Directory;
using Wfm.Core.Queues;

namespace Wfm.Simulation;

/// <summary>Generates a demo contact center with Bogus: the same seed always gives the same center.</summary>
public static class DemoCenterGenerator
{
    private static readonly string[] Locales = ["en", "tr", "fa"];

    /// <summary>The demo queues with their traffic: peak arrivals per hour, handle, patience and wrap-up seconds.</summary>
    public static IReadOnlyList<DemoQueue> DemoQueues() =>
    [
        new(new QueueProfile("voice-support", "Support (voice)", Channel.Voice, new ServiceLevelTarget(80, 20)), 80, 200, 180, 25),
        new(new QueueProfile("voice-sales", "Sales (voice)", Channel.Voice, new ServiceLevelTarget(80, 30), "Mon-Sat 08:00-22:00"), 30, 260, 240, 30),
        new(new QueueProfile("chat-support", "Support (chat)", Channel.Chat, new ServiceLevelTarget(80, 60), "Mon-Sun 07:00-23:00"), 27, 420, 300, 20),
        new(new QueueProfile("email-support", "Support (email)", Channel.Email, new ServiceLevelTarget(90, 4 * 3600), "Mon-Sun 07:00-23:00"), 11, 480, 86400, 30),
    ];

    /// <summary>Contacts of 200 s per agent per hour at the peak that a generated large center is sized for (longer contacts: fewer).</summary>
    public const double PeakContactsPerAgentHour = 8;

    /// <summary>
    /// The demo center: with 4 queues the four demo queues and teams; with more, a larger center for load
    /// runs — one team per queue, each agent skilled on their team's queue and about a third also on the
    /// next one, the queues' channels and traffic following the demo queues in turn, peaks sized so the
    /// agents can carry them (<see cref="PeakContactsPerAgentHour"/>).
    /// </summary>
    public static DemoCenter Generate(int seed = 20261125, int agentCount = 64, string timeZone = "Europe/Istanbul", int queueCount = 4)
    {
        if (agentCount < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(agentCount), agentCount, "at least 4 agents (one per team)");
        }

        if (queueCount < 4 || queueCount > agentCount)
        {
            throw new ArgumentOutOfRangeException(nameof(queueCount), queueCount, $"between 4 and the number of agents ({agentCount})");
        }

        if (queueCount > 4)
        {
            return Large(seed, agentCount, timeZone, queueCount);
        }

        var teams = new List<TeamProfile>
        {
            new("team-anatolia", "Anatolia"),
            new("team-bosphorus", "Bosphorus"),
            new("team-zagros", "Zagros"),
            new("team-alborz", "Alborz"),
        };
        var queues = DemoQueues();
        // Each team serves a main queue; two in three of its agents are cross-skilled on a second one.
        string[][] teamQueues =
        [
            ["voice-support", "chat-support"],
            ["voice-support", "voice-sales"],
            ["voice-sales", "email-support"],
            ["chat-support", "email-support"],
        ];

        var random = new Randomizer(seed);
        var agents = new List<AgentProfile>(agentCount);
        for (var i = 0; i < agentCount; i++)
        {
            var locale = Locales[i % Locales.Length];
            var faker = new Faker(locale) { Random = new Randomizer(seed + i) };
            var team = i % teams.Count;
            var skills = new List<AgentSkill> { new(teamQueues[team][0], random.Int(3, 5)) };
            // Two in three of each team also take their team's second queue (the e-mail desk is all cross-skilled).
            if ((i / teams.Count) % 3 != 2)
            {
                skills.Add(new AgentSkill(teamQueues[team][1], random.Int(1, 4)));
            }

            agents.Add(new AgentProfile($"agent-{i + 1:000}", faker.Name.FullName(), teams[team].Id, skills, locale));
        }

        return new DemoCenter(timeZone, teams, queues, agents);
    }

    private static DemoCenter Large(int seed, int agentCount, string timeZone, int queueCount)
    {
        var reference = DemoQueues();
        var random = new Randomizer(seed);
        var teams = new List<TeamProfile>(queueCount);
        var queues = new List<DemoQueue>(queueCount);
        var perQueue = (double)agentCount / queueCount;
        for (var q = 0; q < queueCount; q++)
        {
            var like = reference[q % reference.Count];
            var id = $"q{q + 1:000}-{like.Profile.Channel.ToString().ToLowerInvariant()}";
            var name = $"{new Faker("en") { Random = new Randomizer(seed + q) }.Commerce.Department()} {q + 1} ({like.Profile.Channel.ToString().ToLowerInvariant()})";
            var peak = Math.Round(perQueue * PeakContactsPerAgentHour * 200 / like.MeanHandleSeconds, 1);
            queues.Add(like with { Profile = like.Profile with { Id = id, Name = name }, PeakPerHour = peak });
            teams.Add(new TeamProfile($"team-{q + 1:000}", $"Team {q + 1}"));
        }

        var agents = new List<AgentProfile>(agentCount);
        for (var i = 0; i < agentCount; i++)
        {
            var locale = Locales[i % Locales.Length];
            var faker = new Faker(locale) { Random = new Randomizer(seed + i) };
            var team = i % queueCount;
            var skills = new List<AgentSkill> { new(queues[team].Profile.Id, random.Int(3, 5)) };
            if (random.Bool(0.5f))
            {
                skills.Add(new AgentSkill(queues[(team + 1) % queueCount].Profile.Id, random.Int(1, 4)));
            }

            agents.Add(new AgentProfile($"agent-{i + 1:00000}", faker.Name.FullName(), teams[team].Id, skills, locale));
        }

        return new DemoCenter(timeZone, teams, queues, agents);
    }
}
