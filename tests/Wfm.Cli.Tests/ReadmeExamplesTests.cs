using System.Text;
using System.Text.RegularExpressions;

namespace Wfm.Cli.Tests;

/// <summary>
/// Every `dotnet run --project src/Wfm.Cli -- …` example in the README runs as written on a fresh clone: its inputs come
/// from the repository's samples/ (copied, so nothing in the clone changes), its outputs land in a folder of its own, in
/// the README's order (an import before the show that reads it). An example reading what a command of another program
/// wrote (an absolute path, e.g. the simulator's offline history under /tmp) belongs to that program's section and is left out.
/// </summary>
[Collection("console")]
public sealed partial class ReadmeExamplesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wfm-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The repository this test was built from: the folder holding Wfm.sln, up from the test's binaries.</summary>
    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wfm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Wfm.sln not found above the test's folder");
    }

    /// <summary>The README's CLI examples, continuation lines joined, split into arguments as a shell would.</summary>
    internal static List<string[]> Examples(string readme)
    {
        var examples = new List<string[]>();
        var lines = readme.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("dotnet run --project src/Wfm.Cli -- ", StringComparison.Ordinal))
            {
                continue;
            }

            var command = new StringBuilder();
            while (line.EndsWith('\\'))
            {
                command.Append(line[..^1]).Append(' ');
                line = lines[++i].Trim();
            }

            command.Append(line);
            var words = Words(command.ToString()["dotnet run --project src/Wfm.Cli -- ".Length..]);
            if (!words.Any(w => w.StartsWith('/')))
            {
                examples.Add(words);
            }
        }

        return examples;
    }

    private static string[] Words(string command) =>
        [.. Word().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Value)];

    [GeneratedRegex("\"([^\"]*)\"|'([^']*)'|\\S+")]
    private static partial Regex Word();

    [Fact]
    public void EveryCliExampleInTheReadme_RunsOnTheSamples()
    {
        var repository = Repository();
        var examples = Examples(File.ReadAllText(Path.Combine(repository, "README.md")));
        Assert.True(examples.Count >= 15, $"only {examples.Count} CLI examples found in the README");

        // A fresh clone's samples, and a working folder for the examples' outputs (data/, *.csv, *.svg, model.zip).
        CopyDirectory(Path.Combine(repository, "samples"), Path.Combine(_dir, "samples"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        var failures = new List<string>();
        foreach (var example in examples)
        {
            var args = example.Select(Local).ToArray();
            var inputs = example.Where(a => a.StartsWith("samples/", StringComparison.Ordinal)).ToList();
            Assert.All(inputs, input => Assert.True(File.Exists(Path.Combine(_dir, input)), $"README names {input}, which samples/ does not have"));
            var (code, stderr) = Cli.Run(args);
            if (code != 0)
            {
                failures.Add($"wfm {string.Join(' ', example)} → exit {code}: {stderr.Trim()}");
                continue;
            }

            foreach (var written in OutputsOf(example))
            {
                if (!File.Exists(Path.Combine(_dir, written)) || new FileInfo(Path.Combine(_dir, written)).Length == 0)
                {
                    failures.Add($"wfm {string.Join(' ', example)} → no {written}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A path of the example made absolute under the working folder; options and values stay as they are.</summary>
    private string Local(string arg) =>
        !arg.StartsWith('-') && (arg.StartsWith("samples/", StringComparison.Ordinal) || arg.StartsWith("data/", StringComparison.Ordinal) || FileLike().IsMatch(arg))
            ? Path.Combine(_dir, arg)
            : arg;

    /// <summary>The files an example says it writes (--out, --chart).</summary>
    private static IEnumerable<string> OutputsOf(string[] example) =>
        example.Zip(example.Skip(1)).Where(p => p.First is "--out" or "--chart").Select(p => p.Second);

    [GeneratedRegex(@"^[\w.-]+\.(csv|svg|zip|json|db)$")]
    private static partial Regex FileLike();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Examples_AreReadAsAShellWould()
    {
        var found = Examples("""
            text
            dotnet run --project src/Wfm.Cli -- staff --forecast samples/forecast.csv \
                --sl 80/20 --out "my file.csv"
            dotnet run --project src/Wfm.Server
            dotnet run --project src/Wfm.Cli -- forecast --input /tmp/history/intervals.csv
            """);
        Assert.Equal(["staff", "--forecast", "samples/forecast.csv", "--sl", "80/20", "--out", "my file.csv"], Assert.Single(found));
    }
}
