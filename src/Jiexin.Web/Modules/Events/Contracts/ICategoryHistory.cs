namespace Jiexin.Modules.Events.Contracts;

/// <summary>
/// The deployment's own labelled history for the attribution model to learn from: events whose category a person
/// confirmed, i.e. the event reached dispatch (派单, or 自行处置 by a grid worker) — the category it carries then is the
/// final human choice, whether the person kept the model's first choice or changed it at 研判.
/// </summary>
public interface ICategoryHistory
{
    /// <summary>The most recent confirmed events (at most <paramref name="max"/>), newest first.</summary>
    Task<IReadOnlyList<ConfirmedCategory>> ListConfirmedAsync(int max, CancellationToken ct);
}

/// <summary>One confirmed event: what the reporter wrote, the final 小类, and the model's first choice at intake (null for none).</summary>
public sealed record ConfirmedCategory(Guid EventId, string Text, string CategoryCode, string? AttributedCategoryCode, DateTime ReportedAt);
