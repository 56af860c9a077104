namespace Jiexin.Platform.Auth;

/// <summary>The same test as MVC's <c>Url.IsLocalUrl</c>: a path on this site, never an open redirect.</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        if (url[0] == '/')
        {
            // "/" alone, or "/x" but not "//host" or "/\host".
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !url.Contains('\n') && !url.Contains('\r'));
        }

        // "~/x" but not "~//host" or "~/\host".
        return url.Length > 1 && url[0] == '~' && url[1] == '/'
            && (url.Length == 2 || (url[2] != '/' && url[2] != '\\'));
    }

    /// <summary><paramref name="url"/> when local, otherwise <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback = "/") =>
        IsLocal(url) ? (url![0] == '~' ? url[1..] : url) : fallback;
}
