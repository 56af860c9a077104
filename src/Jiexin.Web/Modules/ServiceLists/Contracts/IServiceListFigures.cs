namespace Jiexin.Modules.ServiceLists.Contracts;

/// <summary>One community's list figures for a month: needs and service items (resources are not work items).</summary>
/// <param name="Opened">Items first listed in the month.</param>
/// <param name="Closed">Items closed (销号) in the month, whenever they were opened.</param>
/// <param name="ClosedOnTime">Of <paramref name="Closed"/>, those closed by their deadline.</param>
/// <param name="OpenOverdue">Items on the month's list still open past their deadline at the end of the month (or now, for the current month).</param>
public sealed record CommunityListFigures(Guid CommunityId, string CommunityName, int Opened, int Closed, int ClosedOnTime, int OpenOverdue);

/// <summary>A community's secretary projects of a year: its own and its grids' (progress = share of milestones done).</summary>
public sealed record CommunityProjectFigures(Guid CommunityId, string CommunityName, int Projects, int AverageProgress, int MilestonesDone, int MilestonesTotal);

/// <summary>三张清单 and 书记项目 figures for the command centre (read-only).</summary>
public interface IServiceListFigures
{
    /// <summary>Every community of the territory, in display order, for a <c>yyyy-MM</c> month (China calendar).</summary>
    Task<IReadOnlyList<CommunityListFigures>> ForMonthAsync(string month, CancellationToken ct);

    /// <summary>Every community in display order, for a year's secretary projects (the street's own are not in any community).</summary>
    Task<IReadOnlyList<CommunityProjectFigures>> ProjectsForYearAsync(int year, CancellationToken ct);
}
