using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Modules.Events.Open311.Requests;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Open311.Updates;

/// <summary>
/// <c>GET servicerequestupdates.{format}</c>, mySociety's GeoReport extension (FixMyStreet "Open311 FMS"): every step
/// of every event's timeline between start_date and end_date as a <c>request_update</c> with the status after it.
/// Oldest first, at most 1000, so a client polling forward continues from the last updated_datetime it saw.
/// Without dates: the last 90 days. Who took a step is never shown, nor any number written in its note.
/// </summary>
public static class ListServiceRequestUpdates
{
    public sealed record Query(string? StartDate, string? EndDate);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        public async Task<(Open311Array? Updates, Open311Error[] Errors)> Handle(Query query, CancellationToken ct)
        {
            var errors = new List<Open311Error>();
            DateTime? start = Parse(query.StartDate, "start_date", errors);
            DateTime? end = Parse(query.EndDate, "end_date", errors);
            if (errors.Count > 0)
            {
                return (null, [.. errors]);
            }

            var until = end ?? clock.GetUtcNow().UtcDateTime;
            var since = start ?? until - ListServiceRequests.MaxSpan;
            var steps = await (
                    from t in db.Set<EventTimelineEntry>().AsNoTracking()
                    join e in db.Set<Event>() on t.EventId equals e.Id
                    where t.At >= since && t.At <= until
                    orderby t.At, t.Id
                    select new { t.Id, e.TrackingCode, t.Action, t.ToStatus, t.At, t.Note })
                .Take(ListServiceRequests.MaxResults)
                .ToListAsync(ct);

            return (new Open311Array("request_update",
            [
                .. steps.Select(s => new Open311Object(
                    ("update_id", s.Id.ToString("N")),
                    ("service_request_id", s.TrackingCode),
                    ("status", ServiceRequestView.StatusOf(s.ToStatus)),
                    ("updated_datetime", s.At),
                    ("description", Describe(s.Action, s.ToStatus, s.Note)),
                    ("media_url", null))),
            ]), []);
        }

        private static DateTime? Parse(string? text, string name, List<Open311Error> errors)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (Open311Text.TryParseW3c(text, out var utc))
            {
                return utc;
            }

            errors.Add(new(400, $"{name} 须为 W3C 日期时间，例如 2026-01-01T00:00:00Z。 {name} must be a W3C datetime."));
            return null;
        }
    }

    /// <summary>"办结反馈 → 已处置：已更换灯泡": the step, the state it led to, and its note.</summary>
    public static string Describe(string action, EventStatus to, string? note)
    {
        var step = Enum.TryParse<EventAction>(action, out var known) && EventWorkflow.Find(known) is { } transition
            ? transition.Name
            : action == "Report" ? "上报" : action;
        var text = $"{step} → {EventWorkflow.StatusName(to)}";
        return note is { Length: > 0 } ? $"{text}：{Open311Text.MaskPersonalData(note)}" : text;
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/servicerequestupdates.{format}", async Task<Open311Result> (string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (await guard.CheckReadAsync(request, f, ct) is { } refused)
                {
                    return refused;
                }

                var (updates, errors) = await handler.Handle(new Query(request.Query["start_date"], request.Query["end_date"]), ct);
                return updates is not null ? Open311Result.Ok("service_request_updates", updates, f) : Open311Result.BadRequest(f, errors);
            })
            .WithName("Open311.ListServiceRequestUpdates");
}
