using System.Net;
using Wfm.Server.Security;

namespace Wfm.Server.Tests;

/// <summary>Where sign-in sends the browser: a path on this site, never another site however the address is dressed.</summary>
public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    [InlineData("/ü/")]
    [InlineData("/\u0000/evil")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingButAPathOnThisSite_GoesHome(string? url) => Assert.Equal("/", LocalUrl.Of(url));

    [Theory]
    [InlineData("/board")]
    [InlineData("/schedule?plan=3")]
    [InlineData("/center#agents")]
    [InlineData("/%2F/evil.example")] // an encoded slash stays part of this site's path
    public void APathOnThisSite_IsKept(string url) => Assert.Equal(url, LocalUrl.Of(url));
}
