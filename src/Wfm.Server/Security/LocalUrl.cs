namespace Wfm.Server.Security;

/// <summary>
/// The one check on where to send a browser after sign-in (or any other "return to" address): a path on this site, or "/".
/// Refused: anything not starting with one slash (other sites, scheme-relative "//host", "/\host"), control characters
/// and white space anywhere (browsers drop a tab or newline and "/\t/evil" becomes "//evil"), backslashes, and
/// characters outside ASCII (a header cannot carry them).
/// </summary>
public static class LocalUrl
{
    public static string Of(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/')
        {
            return "/";
        }

        foreach (var c in url)
        {
            if (c <= ' ' || c == '\\' || c >= '\u007f')
            {
                return "/";
            }
        }

        return url.Length > 1 && url[1] == '/' ? "/" : url;
    }
}
