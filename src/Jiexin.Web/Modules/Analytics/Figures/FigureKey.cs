using Jiexin.Modules.Analytics.Domain;
using Jiexin.Modules.Events.Contracts;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>One counted key: what, which day, where, who, which 大类, which tier (unset: empty id, "", −1).</summary>
public readonly record struct FigureKey(FigureMeasure Measure, int Day, Guid CommunityId, Guid GridId, Guid DepartmentId, string Category, short Tier)
{
    /// <summary>THE rule from an event's counted shape to the keys it adds one to.</summary>
    public static void Contributions(in EventFigures f, List<FigureKey> into)
    {
        var community = f.CommunityId ?? Guid.Empty;
        var grid = f.GridId ?? Guid.Empty;
        var department = f.DepartmentId ?? Guid.Empty;
        var category = f.CategoryGroup ?? "";
        var reported = f.ReportedOn.DayNumber;
        into.Add(new FigureKey(FigureMeasure.Intake, reported, community, grid, department, category, -1));
        if (f.IsOpen)
        {
            into.Add(new FigureKey(FigureMeasure.Open, reported, community, grid, department, category, -1));
        }

        if (f.IsOverdue)
        {
            into.Add(new FigureKey(FigureMeasure.Overdue, reported, community, grid, department, category, -1));
        }

        if (f.ClosedOn is { } closed)
        {
            into.Add(new FigureKey(FigureMeasure.Closed, closed.DayNumber, community, grid, department, category, (short)(f.ResolvedTier is { } t ? (int)t : -1)));
        }
    }

    /// <summary>The first day of the key's month (the month grain's key day).</summary>
    public static int MonthOf(int day)
    {
        var d = DateOnly.FromDayNumber(day);
        return new DateOnly(d.Year, d.Month, 1).DayNumber;
    }
}
