using Microsoft.Playwright;

namespace Wfm.Server.Tests;

/// <summary>Headless Chromium from Debian's package (browsers cannot be downloaded here).</summary>
internal static class Browser
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is missing: install it with `sudo apt-get install chromium` to run the browser tests");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
