using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wfm.Data;

namespace Wfm.Server.Security;

/// <summary>Sign-in (Identity cookies, API keys, optional OpenID Connect), authorization, antiforgery, audit and security headers.</summary>
public static class SecurityHosting
{
    /// <summary>Picks the API-key handler when a key is presented, the sign-in cookie otherwise.</summary>
    public const string Scheme = "Wfm";

    public const string OidcScheme = "oidc";

    /// <summary>The rate-limit policy of the sign-in form: <see cref="SecurityOptions.SignInPerMinute"/> per address.</summary>
    public const string SignInRateLimit = "sign-in";

    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    /// <summary>The readable cookie that carries the antiforgery request token to the pages' scripts.</summary>
    public const string AntiforgeryCookie = "XSRF-TOKEN";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The security database lives beside the data file: wfm.db → wfm.security.db.</summary>
    public static string SecurityDatabasePath(string dataPath)
    {
        var full = Path.GetFullPath(dataPath);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".security.db");
    }

    /// <param name="postgres">The PostgreSQL connection string when the server keeps everything there: users, keys, the audit
    /// log and the keys that protect sign-in cookies go into the same database, so every silo of a cluster reads them.</param>
    public static WebApplicationBuilder AddWfmSecurity(this WebApplicationBuilder builder, string dataPath, string? postgres = null)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        var databasePath = SecurityDatabasePath(dataPath);
        void Provider(DbContextOptionsBuilder o)
        {
            if (postgres is null)
            {
                o.UseSqlite($"Data Source={databasePath};Pooling=True");
            }
            else
            {
                // Users, keys and the audit log need few connections beside the silo's own pool.
                o.UseNpgsql(WfmDataExtensions.HasPoolSize(postgres) ? postgres : new Npgsql.NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = 4, NoResetOnClose = true }.ConnectionString);
            }
        }

        services.AddDbContextFactory<SecurityDbContext>(Provider);
        services.AddDbContext<SecurityDbContext>(Provider, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddHostedService<SecuritySchema>();

        // Sign-in cookies stay valid across restarts: the keys that protect them are kept beside the data, or in the
        // database, where every silo of a cluster finds the same keys (a cookie from one silo is good on the others).
        var protection = services.AddDataProtection().SetApplicationName("Wfm");
        if (postgres is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + ".keys")));
        }
        else
        {
            protection.PersistKeysToDbContext<SecurityDbContext>();
        }

        services.AddIdentityCore<WfmUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.AccountLockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutTime;
                o.Password.RequiredLength = 12;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SecurityDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // Checked on every request: signing out, a new password, a deleted user or a role change end a session at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "API key or sign-in cookie", o =>
                o.ForwardDefaultSelector = context => ApiKeyHandler.Presented(context.Request) is null ? IdentityConstants.ApplicationScheme : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
        {
            o.Cookie.Name = "wfm.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = options.SignInLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.Events.OnValidatePrincipal = ValidatePrincipal;
            o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
        }));

        if (options.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, options.Oidc.DisplayName, o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = options.Oidc.ClientSecret;
                o.ResponseType = "code";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.MapInboundClaims = false;
                o.Scope.Add("profile");
                o.Events.OnTokenValidated = context =>
                {
                    context.Principal = OidcPrincipal(context.Principal!, options.Oidc);
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "wfm.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<AccessScopes>();
        services.AddSingleton<HubSessions>();
        services.AddSingleton<SignInGuard>();
        services.AddRateLimiter(o =>
        {
            // A bucket of SignInPerMinute attempts per address, one more every 60/SignInPerMinute seconds.
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.SignInPerMinute, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.SignInPerMinute,
                    QueueLimit = 0, AutoReplenishment = true,
                }));
            o.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                audit.Record("address:" + (context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"), "account.sign-in", "/login", 429, "too many sign-in attempts from this address");

                // A browser's form goes back to the sign-in page, which says why; anything else gets the status.
                if (context.HttpContext.Request.HasFormContentType && context.HttpContext.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value == "text/html"))
                {
                    response.StatusCode = StatusCodes.Status303SeeOther;
                    response.Headers.Location = "/login?error=wait";
                    return ValueTask.CompletedTask;
                }

                response.StatusCode = StatusCodes.Status429TooManyRequests;
                return new ValueTask(Results.Problem(statusCode: 429, title: "Too many sign-in attempts",
                    detail: $"at most {options.SignInPerMinute} sign-in attempts a minute from one address; try again in a minute").ExecuteAsync(context.HttpContext));
            };
        });
        services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        services.AddHttpContextAccessor();
        services.AddScoped(sp => sp.GetRequiredService<AccessScopes>().For(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new ClaimsPrincipal()));
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddHostedService<SecuritySeeder>();
        return builder;
    }

    /// <summary>
    /// A local sign-in's security stamp is checked on every request (signing out, a new password, new roles or a deleted
    /// user end it at once). A company sign-in has no local account to check: its identity provider governs it.
    /// </summary>
    public static Task ValidatePrincipal(CookieValidatePrincipalContext context) =>
        context.Principal?.Identity?.AuthenticationType == OidcScheme ? Task.CompletedTask : SecurityStampValidator.ValidatePrincipalAsync(context);

    /// <summary>The roles, teams and agent id an OpenID Connect sign-in carries, as Wfm's claims.</summary>
    public static ClaimsPrincipal OidcPrincipal(ClaimsPrincipal external, OidcOptions oidc)
    {
        var name = external.FindFirst("preferred_username")?.Value ?? external.FindFirst("email")?.Value ?? external.FindFirst("sub")?.Value ?? "unknown";
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.NameIdentifier, external.FindFirst("sub")?.Value ?? name) };
        claims.AddRange(external.FindAll(oidc.RoleClaim).Select(c => c.Value).Where(WfmRoles.All.Contains).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(external.FindAll(oidc.TeamClaim).Select(c => new Claim(WfmClaims.Team, c.Value)));
        claims.AddRange(external.FindAll(oidc.AgentClaim).Take(1).Select(c => new Claim(WfmClaims.Agent, c.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, OidcScheme));
    }

    /// <summary>Security headers on every response; antiforgery on every cookie-signed-in write to the API.</summary>
    public static WebApplication UseWfmSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/dashboard")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
        return app;
    }

    public static WebApplication UseWfmAuthentication(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var write = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
            if (write && context.User.Identity?.IsAuthenticated == true && ApiKeyHandler.Presented(request) is null
                && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/logout")))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing antiforgery token",
                        detail: $"a signed-in page must send the {AntiforgeryHeader} header with the value of the {AntiforgeryCookie} cookie; machine clients use an API key")
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>Puts a fresh antiforgery request token where the page's script can read it.</summary>
    public static void IssueAntiforgeryCookie(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(AntiforgeryCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    private static async Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/dashboard")
            || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = status;
            await Results.Problem(statusCode: status, title: status == 401 ? "Sign-in required" : "Forbidden",
                detail: status == 401 ? "sign in at /login or send an API key in the X-Api-Key header" : "your roles do not allow this").ExecuteAsync(context.HttpContext);
            return;
        }

        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.SendFileAsync(PageFiles.PathOf("denied.html"));
    }
}
