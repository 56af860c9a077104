using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.ListEvents;

/// <summary>One event as a list row (queue, department inbox, my grid).</summary>
public static class EventRows
{
    public static ListEvents.Item ToItem(Event e, IOrgDirectory orgs, DateTime now) => new(
        e.Id,
        e.TrackingCode,
        e.Status,
        EventWorkflow.StatusName(e.Status),
        e.Channel,
        e.Description.Length > 80 ? e.Description[..80] + "…" : e.Description,
        e.GridId,
        e.GridId is { } g ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, g)) : null,
        e.CategoryName,
        e.AssigneeKind is { } k && e.AssigneeId is { } a ? orgs.Describe(new OrgUnitRef(k, a)) : null,
        e.CreatedAt,
        e.DueAt,
        e.DueAt is { } due && due < now && EventWorkflow.Open.Contains(e.Status),
        e.Version,
        // 黄牌/红牌 as the deadline job marked them, shown only while the event is still open.
        EventWorkflow.Open.Contains(e.Status) ? e.Warning : Deadlines.DeadlineWarning.None);
}
