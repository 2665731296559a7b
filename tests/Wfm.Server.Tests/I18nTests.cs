using System.Collections;
using System.Globalization;
using System.Resources;
using Wfm.Planning.Charts;
using Wfm.Server.Api;
using Wfm.Server.Resources;

namespace Wfm.Server.Tests;

/// <summary>Every UI and chart string exists in each language, so no page shows English in the middle of Persian.</summary>
public sealed class I18nTests
{
    private static readonly ResourceManager Strings = new(typeof(Ui).FullName!, typeof(Ui).Assembly);

    private static HashSet<string> Keys(CultureInfo culture) =>
        Strings.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

    [Theory]
    [InlineData("tr")]
    [InlineData("fa")]
    public void EveryEnglishString_IsTranslated(string culture)
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var translated = Keys(CultureInfo.GetCultureInfo(culture));

        Assert.Empty(english.Except(translated).Order());
        Assert.Empty(translated.Except(english).Order());
    }

    [Fact]
    public void ChartWords_AreInTheStringTable()
    {
        Assert.Empty(ChartText.Keys.Except(Keys(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ChartWords_InPersian_AreTheTranslation()
    {
        var text = I18nApi.ChartWords("fa");

        Assert.Equal("سابقه", text["chart.history"]);
        Assert.Equal("history", I18nApi.ChartWords("xx")["chart.history"]);
    }
}
