using Wfm.Core.Ports;

namespace Wfm.Server.Api;

/// <summary>What an import stored: the file and, per series, the days covered and intervals written/replaced.</summary>
public sealed record HistoryImportDto(string FileName, IReadOnlyList<ImportedSeries> Series);

/// <summary>A stored series and the name it is to have.</summary>
public sealed record SeriesRenameDto(string Series, string Name);

