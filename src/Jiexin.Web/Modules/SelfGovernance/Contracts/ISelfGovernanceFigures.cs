namespace Jiexin.Modules.SelfGovernance.Contracts;

/// <summary>One community's 四方议事 in one month (China time): meetings held, and resolutions carried out (all their tasks closed).</summary>
public sealed record DeliberationMonth(Guid CommunityId, int Year, int Month, int MeetingsHeld, int ResolutionsCarriedOut);

/// <summary>Self-governance figures for the command centre.</summary>
public interface ISelfGovernanceFigures
{
    /// <summary>Per community and month, for months overlapping [<paramref name="from"/>, <paramref name="to"/>) (dates in China time); months with nothing are left out.</summary>
    Task<IReadOnlyList<DeliberationMonth>> DeliberationsByMonthAsync(DateOnly from, DateOnly to, CancellationToken ct = default);
}
