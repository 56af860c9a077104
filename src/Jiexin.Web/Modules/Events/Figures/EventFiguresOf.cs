using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Data;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;

namespace Jiexin.Modules.Events.Figures;

/// <summary>THE definition of what statistics count of an event (one place, used by the interceptor, the bulk paths and the rebuild).</summary>
public static class EventFiguresOf
{
    /// <summary>Finished states: neither open work nor (except <see cref="EventStatus.Closed"/>) a resolution.</summary>
    public static bool IsOpen(EventStatus status) => status is not (EventStatus.Closed or EventStatus.Merged or EventStatus.Rejected);

    public static EventFigures Of(
        DateTime createdAt, Guid? communityId, Guid? gridId, OrgUnitKind? assigneeKind, Guid? assigneeId, string? categoryCode,
        EventStatus status, DeadlineWarning warning, DateTime? closedAt, DateTime updatedAt, ResolutionTier? tier)
    {
        var open = IsOpen(status);
        var closed = status == EventStatus.Closed;
        return new EventFigures(
            Day(createdAt),
            communityId,
            gridId,
            assigneeKind == OrgUnitKind.Department ? assigneeId : null,
            CategoryGroup(categoryCode),
            open,
            open && warning == DeadlineWarning.Overdue,
            closed ? Day(closedAt ?? updatedAt) : null,
            closed && tier is { } t ? (EventTierFigure)(int)t : null);
    }

    public static EventFigures Of(Event e) =>
        Of(e.CreatedAt, e.CommunityId, e.GridId, e.AssigneeKind, e.AssigneeId, e.CategoryCode, e.Status, e.Warning, e.ClosedAt, e.UpdatedAt, e.ResolvedTier);

    /// <summary>大类: the taxonomy's 小类 codes nest under their 大类's two digits (0101 → 01).</summary>
    public static string? CategoryGroup(string? categoryCode) =>
        categoryCode is { Length: >= 2 } ? categoryCode[..2] : null;

    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(ChinaTime.FromUtc(utc));
}
