using Wfm.Core;

namespace Wfm.Planning.Csv;

/// <summary>
/// A problem in an input file, located by line (1-based, header is line 1) and column name. The message is in the API's
/// words; <see cref="CliMessage"/> names command-line options instead (see <see cref="OptionWords"/>).
/// </summary>
public sealed class InputFileException(string file, int line, string? column, string problem)
    : Exception(OptionWords.ForApi(Locate(file, line, column, problem)))
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string? Column { get; } = column;

    /// <summary>What is wrong, in the API's words.</summary>
    public string Problem { get; } = OptionWords.ForApi(problem);

    /// <summary>The whole message with its option markers, for an edge to render in its words.</summary>
    public string RawMessage { get; } = Locate(file, line, column, problem);

    /// <summary>The message in the command line's words.</summary>
    public string CliMessage => OptionWords.ForCli(RawMessage);

    private static string Locate(string file, int line, string? column, string problem) =>
        column is null ? $"{file} line {line}: {problem}" : $"{file} line {line}, column '{column}': {problem}";
}
