using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Open311.Requests;

/// <summary>
/// An event as a GeoReport v2 service request. Public by the spec, so it carries no reporter, no staff names, no
/// phone: the reporter fields of the event are never read, and numbers written into texts are masked.
/// </summary>
public static class ServiceRequestView
{
    /// <summary>closed = resolved (办结), merged into another (合并) or not accepted (不予受理); every other state is open.</summary>
    public static string StatusOf(EventStatus status) => EventWorkflow.Open.Contains(status) ? "open" : "closed";

    public sealed record Row(
        string TrackingCode,
        EventStatus Status,
        string? CategoryCode,
        string? CategoryName,
        string Description,
        OrgUnitKind? AssigneeKind,
        Guid? AssigneeId,
        DateTime CreatedAt,
        DateTime UpdatedAt,
        DateTime? ClosedAt,
        DateTime? DueAt,
        string? Address,
        Guid? GridId,
        double? Latitude,
        double? Longitude,
        string? LastNote,
        string? MergedInto,
        string? MediaUrl);

    /// <summary>One query: the event, the note of the step that brought it to its state, the merge target and the media_url.</summary>
    public static IQueryable<Row> Project(IQueryable<Event> events, JiexinDbContext db) =>
        events.Select(e => new Row(
            e.TrackingCode,
            e.Status,
            e.CategoryCode,
            e.CategoryName,
            e.Description,
            e.AssigneeKind,
            e.AssigneeId,
            e.CreatedAt,
            e.UpdatedAt,
            e.ClosedAt,
            e.DueAt,
            e.Address,
            e.GridId,
            e.Latitude,
            e.Longitude,
            e.Timeline.Where(t => t.ToStatus == e.Status).OrderByDescending(t => t.At).Select(t => t.Note).FirstOrDefault(),
            db.Set<Event>().Where(m => m.Id == e.MergedIntoId).Select(m => m.TrackingCode).FirstOrDefault(),
            db.Set<Open311Submission>().Where(s => s.EventId == e.Id).Select(s => s.MediaUrl).FirstOrDefault()));

    public static Open311Object ToNode(Row r, IOrgDirectory orgs, ICategoryDirectory categories)
    {
        var closed = StatusOf(r.Status) == "closed";
        return new Open311Object(
            ("service_request_id", r.TrackingCode),
            ("status", StatusOf(r.Status)),
            ("status_notes", StatusNotes(r)),
            ("service_name", r.CategoryCode is { } code ? categories.Find(code)?.SubcategoryName ?? r.CategoryName : null),
            ("service_code", r.CategoryCode),
            ("description", Open311Text.MaskPersonalData(r.Description)),
            ("agency_responsible", r.AssigneeKind is { } kind && r.AssigneeId is { } id ? orgs.Describe(new OrgUnitRef(kind, id)) : null),
            ("service_notice", null),
            ("requested_datetime", r.CreatedAt),
            ("updated_datetime", closed && r.ClosedAt is { } closedAt ? closedAt : r.UpdatedAt),
            ("expected_datetime", r.DueAt),
            ("address", r.Address is { Length: > 0 } address ? Open311Text.MaskPersonalData(address)
                : r.GridId is { } grid ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, grid)) : null),
            ("address_id", null),
            ("zipcode", null),
            ("lat", r.Latitude),
            ("long", r.Longitude),
            ("media_url", r.MediaUrl));
    }

    /// <summary>Our finer state in words, with the reason or reply written at the step that led to it.</summary>
    private static string StatusNotes(Row r)
    {
        var notes = EventWorkflow.StatusName(r.Status);
        if (r.Status == EventStatus.Merged && r.MergedInto is { } target)
        {
            notes += $"（合并到 {target}）";
        }

        return r.LastNote is { Length: > 0 } note ? $"{notes}：{Open311Text.MaskPersonalData(note)}" : notes;
    }
}
