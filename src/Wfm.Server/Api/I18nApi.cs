using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Wfm.Planning.Charts;
using Wfm.Server.Resources;

using Wfm.Server.Security;

namespace Wfm.Server.Api;

/// <summary>GET /api/i18n/{culture}: the UI strings of a language, falling back to English per string.</summary>
public static class I18nApi
{
    /// <summary>The languages the UI is written in, with their text direction.</summary>
    public sealed record Language(string Code, string Name, string Direction, string Calendar);

    public static readonly IReadOnlyList<Language> Languages =
    [
        new("en", "English", "ltr", "gregory"),
        new("tr", "Türkçe", "ltr", "gregory"),
        new("fa", "فارسی", "rtl", "persian"),
    ];

    private static readonly ResourceManager Strings = new(typeof(Ui).FullName!, typeof(Ui).Assembly);

    public static RouteGroupBuilder MapI18nApi(this RouteGroupBuilder api)
    {
        api.MapGet("/i18n", () => TypedResults.Ok(Languages)).WithSummary("The UI languages").AllowAnonymous();
        api.MapGet("/i18n/{culture}", Get).WithSummary("All UI strings of a language").AllowAnonymous();
        return api;
    }

    /// <summary>Chart words in <paramref name="culture"/> (English when null or not a UI language).</summary>
    public static ChartText ChartWords(string? culture) =>
        culture is not null && Get(culture).Result is Ok<Dictionary<string, string>> ok ? new ChartText(ok.Value!, culture) : ChartText.English;

    public static Results<Ok<Dictionary<string, string>>, NotFound<string>> Get(string culture)
    {
        if (Languages.All(l => l.Code != culture))
        {
            return TypedResults.NotFound($"language '{culture}' is not available; expected one of {string.Join(", ", Languages.Select(l => l.Code))}");
        }

        var neutral = Strings.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var target = CultureInfo.GetCultureInfo(culture);
        var result = new Dictionary<string, string>();
        foreach (DictionaryEntry entry in neutral)
        {
            var key = (string)entry.Key;
            result[key] = Strings.GetString(key, target) ?? (string)entry.Value!;
        }

        return TypedResults.Ok(result);
    }
}
