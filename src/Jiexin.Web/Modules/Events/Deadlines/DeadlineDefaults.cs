namespace Jiexin.Modules.Events.Deadlines;

/// <summary>
/// The time limits a new install starts with (the Admin adjusts them at /admin/deadlines): by tier for any category,
/// and shorter or longer ones for the 大类 of the shipped taxonomy where the matter calls for it. Usual practice of
/// grid platforms: small matters in the grid within a day or two, the community within three working days, a
/// department within five; safety hazards within hours; labour and disputes take longer (investigation, mediation).
/// </summary>
public static class DeadlineDefaults
{
    public sealed record Row(string? CategoryCode, DeadlineTier Tier, int Amount, DeadlineUnit Unit);

    private const DeadlineUnit Days = DeadlineUnit.WorkingDays;
    private const DeadlineUnit Hours = DeadlineUnit.WorkingHours;

    /// <summary>When even the default row is missing (deleted): five working days.</summary>
    public static readonly Row Fallback = new(null, DeadlineTier.Department, 5, Days);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Any category.
        new(null, DeadlineTier.Grid, 2, Days),
        new(null, DeadlineTier.Community, 3, Days),
        new(null, DeadlineTier.Department, 5, Days),
        new(null, DeadlineTier.Whistle, 3, Days),

        // 01 市容环境: visible, quick to fix.
        new("01", DeadlineTier.Grid, 1, Days),
        new("01", DeadlineTier.Community, 2, Days),
        new("01", DeadlineTier.Department, 3, Days),

        // 02 市政设施: street lights, manholes, water, power.
        new("02", DeadlineTier.Grid, 1, Days),
        new("02", DeadlineTier.Community, 2, Days),
        new("02", DeadlineTier.Department, 3, Days),

        // 05 房屋物业: repairs involve owners and property companies.
        new("05", DeadlineTier.Community, 5, Days),
        new("05", DeadlineTier.Department, 7, Days),

        // 06 公共安全: hazards are handled within hours.
        new("06", DeadlineTier.Grid, 4, Hours),
        new("06", DeadlineTier.Community, 4, Hours),
        new("06", DeadlineTier.Department, 1, Days),
        new("06", DeadlineTier.Whistle, 4, Hours),

        // 08 劳动社保: wage arrears need the labour inspectors' investigation.
        new("08", DeadlineTier.Department, 10, Days),

        // 10 邻里纠纷: mediation takes meetings.
        new("10", DeadlineTier.Grid, 3, Days),
        new("10", DeadlineTier.Community, 5, Days),
        new("10", DeadlineTier.Department, 10, Days),
    ];
}
