namespace Jiexin.Modules.Registry.Contracts;

/// <summary>
/// One community's basic-data verification (信息数据核查) state: people and houses on the register and how many were
/// verified on site since a date; the open campaigns' items, done and overdue. <see cref="CommunityId"/> is
/// <see cref="Guid.Empty"/> for records not placed in any community.
/// </summary>
public sealed record RegistryCommunityFigures(
    Guid CommunityId,
    int People,
    int PeopleVerified,
    int Houses,
    int HousesVerified,
    int CampaignItems,
    int CampaignItemsDone,
    int CampaignItemsOverdue);

/// <summary>Read contract for the command centre: counts only, never a person.</summary>
public interface IRegistryFigures
{
    /// <summary>Per community: verified = verified at or after <paramref name="verifiedSinceUtc"/>; overdue = pending past its campaign's due date (before <paramref name="today"/>).</summary>
    Task<IReadOnlyList<RegistryCommunityFigures>> ByCommunityAsync(DateTime verifiedSinceUtc, DateOnly today, CancellationToken ct);
}
