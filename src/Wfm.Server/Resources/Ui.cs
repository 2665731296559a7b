namespace Wfm.Server.Resources;

/// <summary>Marker for the UI strings in Ui.resx (English), Ui.tr.resx (Turkish) and Ui.fa.resx (Persian).</summary>
public sealed class Ui;
