namespace Jiexin.Modules.Disputes.Screening;

/// <summary>排查 settings (<c>Jiexin:Disputes:Screening</c>).</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Jiexin:Disputes:Screening";

    /// <summary>Length of a round in days: 7 = weekly rounds from Monday (China dates), 14 = fortnightly …</summary>
    public int PeriodDays { get; set; } = 7;
}

/// <summary>Which period a moment falls in: periods of <see cref="ScreeningOptions.PeriodDays"/> days counted from a Monday.</summary>
public static class ScreeningPeriods
{
    /// <summary>A Monday: with 7-day periods every round runs Monday to Sunday.</summary>
    public static readonly DateOnly Anchor = new(2024, 1, 1);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly ChinaDate(DateTime utc) => DateOnly.FromDateTime(utc + ChinaOffset);

    public static (DateOnly Start, DateOnly End, DateTime DueAtUtc) Of(DateOnly day, int periodDays)
    {
        var length = Math.Clamp(periodDays, 1, 366);
        var offset = day.DayNumber - Anchor.DayNumber;
        var index = offset >= 0 ? offset / length : ((offset + 1) / length) - 1;
        var start = Anchor.AddDays(index * length);
        var end = start.AddDays(length - 1);
        // Due at the end of the last day, China time (00:00 of the next day = 16:00 UTC of the last day).
        var due = DateTime.SpecifyKind(end.AddDays(1).ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);
        return (start, end, due);
    }

    public static (DateOnly Start, DateOnly End, DateTime DueAtUtc) At(DateTime utc, int periodDays) => Of(ChinaDate(utc), periodDays);
}
