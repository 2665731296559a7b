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
        new(new QueueProfile("voice-support", "Support (voice)", Channel.Voice, new ServiceLevelTarget(80, 20)), 260, 200, 180, 25),
        new(new QueueProfile("voice-sales", "Sales (voice)", Channel.Voice, new ServiceLevelTarget(80, 30)), 110, 260, 240, 30),
        new(new QueueProfile("chat-support", "Support (chat)", Channel.Chat, new ServiceLevelTarget(80, 60)), 90, 420, 300, 20),
        new(new QueueProfile("email-support", "Support (email)", Channel.Email, new ServiceLevelTarget(90, 4 * 3600)), 50, 480, 86400, 30),
    ];

    public static DemoCenter Generate(int seed = 20261125, int agentCount = 64, string timeZone = "Europe/Istanbul")
    {
        if (agentCount < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(agentCount), agentCount, "at least 4 agents (one per team)");
        }

        var teams = new List<TeamProfile>
        {
            new("team-anatolia", "Anatolia"),
            new("team-bosphorus", "Bosphorus"),
            new("team-zagros", "Zagros"),
            new("team-alborz", "Alborz"),
        };
        var queues = DemoQueues();
        // Each team serves a main queue; about a third of agents are cross-skilled on a second one.
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
            if (random.Bool(0.35f))
            {
                skills.Add(new AgentSkill(teamQueues[team][1], random.Int(1, 4)));
            }

            agents.Add(new AgentProfile($"agent-{i + 1:000}", faker.Name.FullName(), teams[team].Id, skills, locale));
        }

        return new DemoCenter(timeZone, teams, queues, agents);
    }
}
