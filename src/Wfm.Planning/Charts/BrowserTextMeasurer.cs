using OxyPlot;

namespace Wfm.Planning.Charts;

/// <summary>
/// Text widths as a browser draws them in a sans-serif font, for laying out SVG charts. OxyPlot's default
/// measurer uses PDF Helvetica metrics, narrower than the fonts browsers pick (DejaVu Sans, Segoe UI,
/// Vazirmatn), and knows nothing of Persian letters — so legend entries were cut off by their clip boxes.
/// This estimate errs a little wide: a roomier legend beats a truncated one. It only measures.
/// </summary>
internal sealed class BrowserTextMeasurer : RenderContextBase
{
    public static BrowserTextMeasurer Instance { get; } = new();

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        if (string.IsNullOrEmpty(text))
        {
            return OxySize.Empty;
        }

        var lines = text.Split('\n');
        var widest = lines.Max(line => line.Sum(Em));
        var bold = fontWeight >= FontWeights.Bold ? 1.08 : 1.0;
        return new OxySize(widest * fontSize * bold, lines.Length * fontSize * 1.25);
    }

    /// <summary>Advance width of one character in ems (sans-serif, regular).</summary>
    private static double Em(char c) => c switch
    {
        ' ' => 0.32,
        'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'ı' or '(' or ')' or '[' or ']' => 0.34,
        'f' or 't' or 'r' or 'I' or '-' or '/' => 0.44,
        'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.92,
        >= '0' and <= '9' => 0.64,
        >= 'A' and <= 'Z' => 0.70,
        '\u200c' or '\u200f' or '\u200e' => 0, // joiners and direction marks take no room
        >= '\u0600' and <= '\u06ff' => 0.55, // Persian and Arabic letters
        _ => 0.60,
    };

    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        throw new NotSupportedException("only measures text");

    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter) =>
        throw new NotSupportedException("only measures text");

    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily = null, double fontSize = 10, double fontWeight = 500, double rotation = 0, HorizontalAlignment halign = HorizontalAlignment.Left, VerticalAlignment valign = VerticalAlignment.Top, OxySize? maxSize = null) =>
        throw new NotSupportedException("only measures text");

    public override void PushClip(OxyRect clippingRectangle) => throw new NotSupportedException("only measures text");

    public override void PopClip() => throw new NotSupportedException("only measures text");

    public override int ClipCount => 0;
}
