using Jiexin.Data;

namespace Jiexin.Modules.Events.Deadlines;

/// <summary>The deadline mark of an event. Ordered: a higher mark is never replaced by a lower one for the same deadline.</summary>
public enum DeadlineWarning
{
    None = 0,

    /// <summary>黄牌 临期: in the last part of its time.</summary>
    DueSoon = 1,

    /// <summary>红牌 超期: past its deadline.</summary>
    Overdue = 2,
}

/// <summary>Who an event is assigned to, which decides how long it may take (分级响应).</summary>
public enum DeadlineTier
{
    /// <summary>网格: the grid handles it itself.</summary>
    Grid,

    /// <summary>村社区.</summary>
    Community,

    /// <summary>职能部门, dispatched by the command centre.</summary>
    Department,

    /// <summary>吹哨报到: several departments summoned at once.</summary>
    Whistle,
}

public enum DeadlineUnit
{
    WorkingHours,
    WorkingDays,
}

/// <summary>
/// 时限: how long events of one 大类 (or of any category, when <see cref="CategoryCode"/> is null) may take at one
/// tier, in working hours or working days of the Chinese calendar. Admin edits these at /admin/deadlines.
/// </summary>
public sealed class DeadlinePolicy : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>A 大类 code ("02"); null = the default for categories without a row of their own.</summary>
    public string? CategoryCode { get; set; }

    public DeadlineTier Tier { get; set; }

    public int Amount { get; set; }

    public DeadlineUnit Unit { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public string Describe() => DeadlineText.Describe(Amount, Unit);
}

public static class DeadlineText
{
    public static string Describe(int amount, DeadlineUnit unit) =>
        unit == DeadlineUnit.WorkingDays
            ? Platform.Localization.Text.T($"{amount} 个工作日", $"{amount} working days")
            : Platform.Localization.Text.T($"{amount} 个工作小时", $"{amount} working hours");

    public static string TierName(DeadlineTier tier) => tier switch
    {
        DeadlineTier.Grid => Platform.Localization.Text.T("网格", "Grid"),
        DeadlineTier.Community => Platform.Localization.Text.T("村社区", "Community"),
        DeadlineTier.Department => Platform.Localization.Text.T("职能部门", "Department"),
        _ => Platform.Localization.Text.T("吹哨报到", "Whistle"),
    };

    public static DeadlineTier TierOf(OrgUnitKind? assignee) => assignee switch
    {
        OrgUnitKind.Grid => DeadlineTier.Grid,
        OrgUnitKind.Community => DeadlineTier.Community,
        _ => DeadlineTier.Department,
    };
}
