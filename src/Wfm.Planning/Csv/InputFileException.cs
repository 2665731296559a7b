namespace Wfm.Planning.Csv;

/// <summary>A problem in an input file, located by line (1-based, header is line 1) and column name.</summary>
public sealed class InputFileException(string file, int line, string? column, string problem)
    : Exception(column is null ? $"{file} line {line}: {problem}" : $"{file} line {line}, column '{column}': {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string? Column { get; } = column;

    public string Problem { get; } = problem;
}
