using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>
/// Hands out agents of the shared server that no other test moves: the inbox tests take theirs from the
/// 46th-last agent on (the other tests pick fixed ones before that), skipping the agents other tests name
/// outright for the data kept under them, each agent once, whatever the test order. Tests that need an agent
/// still logged off take theirs here too.
/// </summary>
internal static class TestAgents
{
    /// <summary>Agents the other tests of the shared server name by id (and expect in a state of their own making).</summary>
    private static readonly HashSet<string> Named = ["agent-005", "agent-006", "agent-007", "agent-010"];

    private static readonly HashSet<string> Taken = [];
    private static readonly string[] WrittenQueues = ["chat-support", "email-support"];
    private static readonly Lock Gate = new();

    /// <summary>An agent no other test has moved (still logged off), of <paramref name="queue"/> when given.</summary>
    public static AgentProfile Take(IContactCenterDirectory directory, string? queue = null)
    {
        lock (Gate)
        {
            var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(46)
                // An agent for any queue comes from those the inbox tests cannot use (no written-channel skill) first.
                .OrderBy(a => queue is null && a.Skills.Any(s => WrittenQueues.Contains(s.QueueId)))
                .FirstOrDefault(a => (queue is null || a.Skills.Any(s => s.QueueId == queue)) && !Taken.Contains(a.Id) && !Named.Contains(a.Id))
                ?? throw new InvalidOperationException($"no unused agent of {queue ?? "any queue"} left");
            Taken.Add(agent.Id);
            return agent;
        }
    }

    /// <summary>An agent of the queue for a test that does not move them (only looks, or types): any but <paramref name="except"/>.</summary>
    public static AgentProfile Onlooker(IContactCenterDirectory directory, string queue, string except) =>
        directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).First(a => a.Id != except && a.Skills.Any(s => s.QueueId == queue));

    /// <summary>The written-channel queue with the most agents in the inbox tests' range.</summary>
    public static string Queue(IContactCenterDirectory directory) =>
        WrittenQueues
            .OrderByDescending(q => directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(46).Count(a => !Named.Contains(a.Id) && a.Skills.Any(s => s.QueueId == q)))
            .First();
}
