using System.Diagnostics;
using System.Runtime.CompilerServices;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Wfm.Cli.Commands;

/// <summary>
/// The CLI's consoles: standard output for results, standard error for progress and notes. A file or a pipe gets
/// lines wide enough that tables are not wrapped at 80 columns.
/// </summary>
internal static class CliConsole
{
    /// <summary>Columns wide enough for every table the CLI prints.</summary>
    public const int RedirectedWidth = 200;

    public static IAnsiConsole Out() => Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error() => Create(Console.Error, Console.IsErrorRedirected);

    private static readonly ConditionalWeakTable<IAnsiConsole, TextWriter> Redirected = [];

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
            Redirected.AddOrUpdate(console, writer);
        }

        return console;
    }

    /// <summary>
    /// A table as a box on a terminal; into a file or a pipe as tab-separated lines (its title as a "#" line, then the
    /// header and the rows, no markup), for scripts and spreadsheets.
    /// </summary>
    public static void WriteTable(this IAnsiConsole console, Table table)
    {
        if (!Redirected.TryGetValue(console, out var writer))
        {
            console.Write((IRenderable)table);
            return;
        }

        if (table.Title is { } title)
        {
            writer.WriteLine($"# {Plain(new Markup(title.Text))}");
        }

        writer.WriteLine(string.Join('\t', table.Columns.Select(c => Plain(c.Header))));
        foreach (var row in table.Rows)
        {
            writer.WriteLine(string.Join('\t', row.Select(Plain)));
        }

        writer.Flush();
    }

    /// <summary>What a cell says, without colours, markup or line breaks.</summary>
    private static string Plain(IRenderable cell)
    {
        var text = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(text) });
        plain.Profile.Width = 10_000;
        plain.Write(cell);
        return string.Join(' ', text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Replace('\t', ' ');
    }

    /// <summary>
    /// Runs work that stops by a time limit with a progress bar on a terminal: the share of the limit used, the time left
    /// at most, and the step it is on. Without a terminal it runs quietly and says how long it took.
    /// </summary>
    public static T WithinLimit<T>(string what, TimeSpan limit, Func<IProgress<string>, T> work)
    {
        var watch = Stopwatch.StartNew();
        if (Console.IsErrorRedirected)
        {
            var quiet = work(new Progress<string>(_ => { }));
            Console.Error.WriteLine($"{what}: done in {watch.Elapsed.TotalSeconds:0.0} s (limit {limit.TotalSeconds:0} s)");
            return quiet;
        }

        T result = default!;
        Error().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(what), maxValue: Math.Max(1, limit.TotalSeconds));
                var step = what;
                var running = Task.Run(() => work(new Progress<string>(s => step = s)));
                // Waits without throwing: a failure comes out below as itself (GetResult), not wrapped, so callers catch what they expect.
                while (!((IAsyncResult)running).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
                {
                    // The limit bounds the time left: the bar never claims more than it knows.
                    task.Value = Math.Min(task.MaxValue * 0.99, watch.Elapsed.TotalSeconds);
                    task.Description = Markup.Escape($"{what}: {step}");
                }

                task.Value = task.MaxValue;
                task.Description = Markup.Escape($"{what}: done in {watch.Elapsed.TotalSeconds:0.0} s");
                result = running.GetAwaiter().GetResult();
            });
        return result;
    }

    /// <summary>
    /// Runs work that reports how much of it is done (0–1) with a progress bar on a terminal: the percentage, the time
    /// left and the step it is on; the lines it reports are written when it ends, so they stay on the screen. Without a
    /// terminal each line is written as it comes and the end says how long it took.
    /// </summary>
    public static T Measured<T>(string what, Func<IProgress<double>, IProgress<string>, T> work)
    {
        var watch = Stopwatch.StartNew();
        if (Console.IsErrorRedirected)
        {
            var console = Error();
            var quiet = work(new Progress<double>(_ => { }), new Inline<string>(line => console.MarkupLine(Markup.Escape(line))));
            Console.Error.WriteLine($"{what}: done in {watch.Elapsed.TotalSeconds:0.0} s");
            return quiet;
        }

        T result = default!;
        var lines = new List<string>();
        Error().Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(what), maxValue: 1);
                var step = what;
                double done = 0;
                var running = Task.Run(() => work(
                    new Inline<double>(d => Volatile.Write(ref done, Math.Clamp(d, 0, 1))),
                    new Inline<string>(line =>
                    {
                        lock (lines)
                        {
                            lines.Add(line);
                        }

                        step = line;
                    })));
                // Waits without throwing: a failure comes out below as itself (GetResult), not wrapped, so callers catch what they expect.
                while (!((IAsyncResult)running).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
                {
                    task.Value = Math.Min(0.999, Volatile.Read(ref done));
                    task.Description = Markup.Escape(step.Length > 60 ? $"{what}: {step[..57]}…" : $"{what}: {step}");
                }

                task.Value = 1;
                task.Description = Markup.Escape($"{what}: done in {watch.Elapsed.TotalSeconds:0.0} s");
                result = running.GetAwaiter().GetResult();
            });
        var error = Error();
        foreach (var line in lines)
        {
            error.MarkupLine(Markup.Escape(line));
        }

        return result;
    }

    /// <summary>Progress told on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool, so lines could come out of order or after the end).</summary>
    private sealed class Inline<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }
}
