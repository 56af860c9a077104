using System.Globalization;
using System.Security.Claims;
using Jiexin.Modules.Analytics.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;

namespace Jiexin.Modules.Analytics.MonthlyReport;

/// <summary>Report months ("yyyy-MM", China time): parsing, bounds, the months a list offers.</summary>
public static class ReportMonths
{
    public static bool TryParse(string? text, out string month)
    {
        month = "";
        if (text is null || text.Length != 7
            || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year < 2000)
        {
            return false;
        }

        month = d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return true;
    }

    public static DateOnly FirstDay(string month) => DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The China-time month as a UTC range [from, to).</summary>
    public static (DateTime From, DateTime To) Bounds(string month)
    {
        var first = FirstDay(month).ToDateTime(TimeOnly.MinValue);
        return (ChinaTime.ToUtc(first), ChinaTime.ToUtc(first.AddMonths(1)));
    }

    public static string Current(TimeProvider clock) => ChinaTime.Today(clock).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool IsFuture(string month, TimeProvider clock) => string.CompareOrdinal(month, Current(clock)) > 0;

    /// <summary>The current month and the <paramref name="count"/> − 1 before it, newest first.</summary>
    public static IReadOnlyList<string> Recent(TimeProvider clock, int count)
    {
        var first = FirstDay(Current(clock));
        return [.. Enumerable.Range(0, count).Select(i => first.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }

    /// <summary>"" when valid, else the zh-CN reason.</summary>
    public static string? Invalid(string? text, TimeProvider clock, out string month) =>
        !TryParse(text, out month) ? "月份格式应为 yyyy-MM，例如 2026-11。"
        : IsFuture(month, clock) ? "不能查看尚未开始的月份的研判报告。"
        : null;
}

/// <summary>
/// Who reads and writes which report: street-wide accounts (Commander, Leader, Admin) the street's; community staff
/// their community's. Street reports are written by Commander and Admin, community reports by the community's staff
/// (and Admin); Leader reads.
/// </summary>
public static class ReportAccess
{
    public const string ReaderRoles = $"{Roles.Commander},{Roles.Leader},{Roles.Admin},{Roles.CommunityStaff}";

    public static readonly string[] Readers = [Roles.Commander, Roles.Leader, Roles.Admin, Roles.CommunityStaff];

    /// <summary>The report the user's scope gives: the street when it covers all territory, its community when bound to one; else none.</summary>
    public static ReportScope? ScopeOf(ClaimsPrincipal user, IOrgScope scopes)
    {
        if (!Readers.Any(user.IsInRole))
        {
            return null;
        }

        var filter = scopes.FilterFor(user);
        return filter.AllTerritory ? ReportScope.Street
            : filter.CommunityIds.Length == 1 ? new ReportScope(ReportScopeKind.Community, filter.CommunityIds[0])
            : null;
    }

    public static bool CanEdit(ClaimsPrincipal user, ReportScope scope) =>
        user.IsInRole(Roles.Admin)
        || (scope.Kind == ReportScopeKind.Street ? user.IsInRole(Roles.Commander) : user.IsInRole(Roles.CommunityStaff));
}
