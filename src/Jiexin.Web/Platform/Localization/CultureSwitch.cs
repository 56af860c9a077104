using Microsoft.AspNetCore.Localization;

namespace Jiexin.Platform.Localization;

internal static class CultureSwitch
{
    /// <summary><c>GET /culture?name=en&amp;redirectUri=/</c>: remembers the language in a cookie and goes back.</summary>
    public static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture", (string? name, string? redirectUri, HttpContext http) =>
        {
            var culture = PlatformModule.SupportedCultures.FirstOrDefault(c => c.Name == name)?.Name ?? "zh-CN";
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            // Only local paths: never an open redirect.
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? redirectUri
                : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
}
