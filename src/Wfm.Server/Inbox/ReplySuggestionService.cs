using Microsoft.Extensions.Options;
using Wfm.Core.Conversations;
using Wfm.Core.Ports;
using Wfm.Grains.Abstractions;

namespace Wfm.Server.Inbox;

/// <summary>Settings under "Wfm:Suggestions".</summary>
public sealed class SuggestionOptions
{
    public const string Section = "Wfm:Suggestions";

    /// <summary>Answers younger than this are searched…</summary>
    public int WindowDays { get; set; } = 90;

    /// <summary>…and at least this many of the newest, whichever is more.</summary>
    public int KeepAtLeast { get; set; } = 2000;

    /// <summary>…but never more than this many (the newest): the index's memory does not grow with the center's size.</summary>
    public int KeepAtMost { get; set; } = 20_000;

    /// <summary>How often new answers are read from the library into the index.</summary>
    public TimeSpan PollEvery { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Suggested replies: the index of the team's past answers, loaded at start from the reply library (the window
/// or the newest N, whichever is larger, up to the newest M) and grown from it every few seconds; old answers leave hourly.
/// A suggestion the abuse check or the negative-language check would flag is never offered.
/// </summary>
public sealed class ReplySuggestionService(IReplyLibrary library, IOptions<SuggestionOptions> options, TimeProvider time, ILogger<ReplySuggestionService> logger)
    : BackgroundService
{
    private readonly ReplyIndex _index = new(TimeSpan.FromDays(options.Value.WindowDays), options.Value.KeepAtLeast, options.Value.KeepAtMost);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _lastId;
    private bool _loaded;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>Reads what the library got since the last read (also called by tests to skip the wait).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                var recent = await library.ReadRecentAsync(time.GetUtcNow() - _index.Window, _index.KeepAtLeast, _index.KeepAtMost, cancellationToken);
                Add(recent);
                _loaded = true;
                logger.LogInformation("Suggested replies: {Count} past answers indexed", recent.Count);
            }

            while (true)
            {
                var next = await library.ReadAfterAsync(_lastId, 5000, cancellationToken);
                Add(next);
                if (next.Count < 5000)
                {
                    break;
                }
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Up to three replies for the conversation's last customer message, filled in for it.</summary>
    public IReadOnlyList<ReplySuggestion> Suggest(ConversationView view, string? agentName)
    {
        var customerMessages = view.Messages.Where(m => m.Sender == ConversationSender.Customer).ToList();
        if (customerMessages.LastOrDefault() is not { } last || last.Text.Length == 0)
        {
            return [];
        }

        var language = last.Language.Length > 0 ? last.Language : view.Summary.Language;
        var context = new ReplyContext(view.Summary.CustomerName, ReplyIndex.FindOrderNumber(customerMessages.Select(m => m.Text)),
            agentName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());
        lock (_gate)
        {
            return _index.Suggest(last.Text, language, context, 3, reply => Acceptable(reply, language));
        }
    }

    /// <summary>Not abusive, no negative language (blame, "can't", "policy says", arguing).</summary>
    public static bool Acceptable(string reply, string language)
    {
        var plain = reply.Replace("{name}", "", StringComparison.Ordinal).Replace("{order}", "", StringComparison.Ordinal).Replace("{agent}", "", StringComparison.Ordinal);
        if (AbuseDetector.Default.Classify(plain, language).Abusive)
        {
            return false;
        }

        var analysis = ConversationAnalyzer.Analyze([new ConversationMessage("suggestion", Sender.Agent, plain, language)]);
        return analysis.NegativeLanguage.Count == 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastExpiry = time.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.PollEvery);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
                if (time.GetUtcNow() - lastExpiry > TimeSpan.FromHours(1))
                {
                    lock (_gate)
                    {
                        _index.Expire(time.GetUtcNow());
                    }

                    lastExpiry = time.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reading new answers for suggested replies failed; trying again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Add(IReadOnlyList<ReplyPair> pairs)
    {
        lock (_gate)
        {
            foreach (var pair in pairs.Where(p => p.Id > _lastId))
            {
                _index.Add(pair);
                _lastId = pair.Id;
            }
        }
    }
}
