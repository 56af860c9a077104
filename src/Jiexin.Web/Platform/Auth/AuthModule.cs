using Jiexin.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Jiexin.Platform.Auth;

/// <summary>Identity, cookie login for the UI, bearer tokens for the API, roles and policies.</summary>
internal static class AuthModule
{
    public const string CookieOrBearer = "CookieOrBearer";

    public static WebApplicationBuilder AddJiexinAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        // Decoded bearer tokens are remembered for a few minutes (CachedBearerTickets says what that does and does not change).
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider>((o, clock) => o.BearerTokenProtector = new CachedBearerTickets(o.BearerTokenProtector, clock));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ReturnUrlParameter = "returnUrl"; // as RedirectToLogin and the login page spell it
            o.Cookie.Name = "jiexin.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 as problem+json instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        // The antiforgery cookie's default is "never Secure"; over https (directly or behind nginx with forwarded
        // headers) it must be, like the sign-in cookie. Plain http (development) still works.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddIdentityCore<JiexinUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<JiexinRole>()
            .AddEntityFrameworkStores<JiexinDbContext>()
            .AddSignInManager<JiexinSignInManager>()
            .AddClaimsPrincipalFactory<JiexinClaimsPrincipalFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddDefaultTokenProviders();

        // A disabled account, a reset password or a changed role/unit (new security stamp) ends cookie sessions
        // within this interval rather than Identity's default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.TerritoryEditor, p => p.RequireRole(Roles.Admin, Roles.Commander));
        services.AddCascadingAuthenticationState();

        // The org-scope mechanism (docs/decisions/0006-org-scope-authorisation.md).
        services.AddSingleton<IAuthorizationHandler, OrgScopeHandler>();
        services.AddScoped<IOrgScope, OrgScope>();

        services.AddJiexinRateLimiting(builder.Configuration);
        return builder;
    }

    public static WebApplication UseJiexinAuth(this WebApplication app)
    {
        // After routing (implicit), so per-endpoint policies apply; before authentication, so refused requests cost little.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static Task RedirectOrStatus(HttpContext http, string redirectUri, int status)
    {
        // APIs and the SignalR hubs answer with a status; pages redirect to the login page.
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
        {
            http.Response.StatusCode = status;
        }
        else
        {
            http.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
