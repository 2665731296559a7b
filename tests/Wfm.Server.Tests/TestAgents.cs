using Wfm.Core.Directory;

namespace Wfm.Server.Tests;

/// <summary>
/// Hands out agents of the shared server that no other test moves: the inbox tests take theirs from the
/// 46th-last agent on (the other tests pick fixed ones before that), each agent once, whatever the test order.
/// </summary>
internal static class TestAgents
{
    private static readonly HashSet<string> Taken = [];
    private static readonly Lock Gate = new();

    public static AgentProfile Take(IContactCenterDirectory directory, string queue)
    {
        lock (Gate)
        {
            var agent = directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(46)
                .FirstOrDefault(a => a.Skills.Any(s => s.QueueId == queue) && !Taken.Contains(a.Id))
                ?? throw new InvalidOperationException($"no unused agent of {queue} left for the inbox tests");
            Taken.Add(agent.Id);
            return agent;
        }
    }

    /// <summary>An agent of the queue for a test that does not move them (only looks, or types): any but <paramref name="except"/>.</summary>
    public static AgentProfile Onlooker(IContactCenterDirectory directory, string queue, string except) =>
        directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).First(a => a.Id != except && a.Skills.Any(s => s.QueueId == queue));

    /// <summary>The written-channel queue with the most agents in the inbox tests' range.</summary>
    public static string Queue(IContactCenterDirectory directory) =>
        new[] { "chat-support", "email-support" }
            .OrderByDescending(q => directory.Agents.OrderBy(a => a.Id, StringComparer.Ordinal).Reverse().Skip(46).Count(a => a.Skills.Any(s => s.QueueId == q)))
            .First();
}
