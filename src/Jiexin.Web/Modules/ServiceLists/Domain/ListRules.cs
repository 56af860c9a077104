using System.Globalization;
using Jiexin.Platform.Calendar;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.ServiceLists.Domain;

/// <summary>Months, names and the few rules of the lists.</summary>
public static class ListRules
{
    public const int MaxTitle = 100;
    public const int MaxDescription = 2000;
    public const int MaxEvidence = 2000;
    public const int MaxCategory = 20;

    /// <summary>Categories offered in forms; others may be typed.</summary>
    public static readonly IReadOnlyList<string> SuggestedCategories =
        ["养老助老", "助残帮困", "儿童关爱", "就业帮扶", "法律咨询", "医疗健康", "心理疏导", "环境整治", "文体活动", "便民维修", "其他"];

    /// <summary>The China-calendar month of <paramref name="utc"/>, <c>yyyy-MM</c>.</summary>
    public static string MonthOf(DateTime utc) => ChinaTime.FromUtc(utc).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool IsMonth(string? text) =>
        text is { Length: 7 } && DateTime.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The last day of a <c>yyyy-MM</c> month: the default deadline of a resident's need.</summary>
    public static DateOnly LastDayOf(string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return first.AddMonths(1).AddDays(-1);
    }

    /// <summary>Closed no later than the end of its deadline day (China time).</summary>
    public static bool ClosedOnTime(DateTime closedAtUtc, DateOnly deadline) =>
        DateOnly.FromDateTime(ChinaTime.FromUtc(closedAtUtc)) <= deadline;

    public static string Name(ListKind kind) => kind switch
    {
        ListKind.Need => T("群众需求", "Need"),
        ListKind.Resource => T("治理资源", "Resource"),
        _ => T("服务项目", "Service"),
    };

    public static string Name(ListItemStatus status) => status == ListItemStatus.Open ? T("办理中", "Open") : T("已销号", "Closed");

    public static string Name(NeedSource source) => source switch
    {
        NeedSource.Resident => T("居民提交", "Resident"),
        NeedSource.GridVisit => T("网格走访", "Grid visit"),
        NeedSource.Event => T("事件转入", "From an event"),
        NeedSource.Deliberation => T("议事提出", "From a deliberation"),
        _ => T("其他", "Other"),
    };

    public static string Name(ResourceKind kind) => kind switch
    {
        ResourceKind.University => T("高校", "University"),
        ResourceKind.MunicipalUnit => T("市级机关单位", "Municipal unit"),
        ResourceKind.Charity => T("公益组织", "Charity"),
        ResourceKind.VolunteerTeam => T("志愿者队伍", "Volunteer team"),
        _ => T("其他", "Other"),
    };

    public static string ActionName(string action) => action switch
    {
        "Create" => T("登记", "Listed"),
        "Submit" => T("居民提交", "Submitted"),
        "Update" => T("修改", "Updated"),
        "CarryOver" => T("结转下月", "Carried over"),
        "Close" => T("销号", "Closed"),
        _ => action,
    };
}
