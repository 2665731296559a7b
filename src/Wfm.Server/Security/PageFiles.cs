namespace Wfm.Server.Security;

/// <summary>
/// The pages' HTML lives outside wwwroot (which serves scripts, styles and images to anyone) so that each page
/// is an endpoint with its own roles; the sign-in page is the only one open to everybody.
/// </summary>
public static class PageFiles
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Pages", file);

    /// <summary>A page for signed-in users: also hands the page's script a fresh antiforgery token.</summary>
    public static IResult Page(HttpContext context, string file)
    {
        SecurityHosting.IssueAntiforgeryCookie(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(PathOf(file), "text/html; charset=utf-8");
    }
}
