namespace Jiexin.Modules.Warnings.Contracts;

/// <summary>What other modules (the command centre's grid map) read of early warnings: open alerts per grid.</summary>
public interface IWarningCounts
{
    /// <summary>
    /// Alerts not closed (待确认, 已确认, 已指派) that name a grid (repeated place, dispute risk, overdue cluster), per grid.
    /// Community-wide alerts (category spikes, repeated reporters) name no grid and are not counted.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, int>> CountOpenByGridAsync(CancellationToken ct);
}
