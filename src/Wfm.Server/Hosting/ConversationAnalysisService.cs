using Wfm.Core.Coaching;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;
using Wfm.Grains.Ingestion;

namespace Wfm.Server.Hosting;

/// <summary>
/// Reads every conversation as it ends (empathy rubric, negative language, wow moments, abuse met) and keeps the result
/// for the trainers' coaching queue and conversation viewer: a fresh demo's queue fills within minutes of its first
/// conversations ending. Ingestion hands over each conversation whose contact it has just ended, as its grain returned it
/// (no grain is woken for it); a round every few seconds reads them (a conversation read twice is replaced, not doubled).
/// </summary>
public sealed class ConversationAnalysisService(
    ConversationEnds ends, IAnalyzedConversationStore store, TimeProvider time, ILogger<ConversationAnalysisService> logger) : BackgroundService
{
    /// <summary>How often ended conversations are read.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading ended conversations failed; the next ones are read in the next round");
            }
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var read = new List<AnalyzedConversation>();
        foreach (var (contact, at, view) in ends.Take())
        {
            if (view.Messages.Count > 0
                && AnalyzedConversation.From(contact, view.Summary.QueueId, at, view.Messages, view.Summary.CustomerName) is { } analyzed)
            {
                read.Add(analyzed);
            }

            if (read.Count >= 500)
            {
                await store.SaveAsync(read, cancellationToken);
                read.Clear();
            }
        }

        await store.SaveAsync(read, cancellationToken);
    }
}
