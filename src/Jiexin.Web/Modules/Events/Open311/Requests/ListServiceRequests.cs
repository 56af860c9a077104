using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Open311.Requests;

/// <summary>
/// <c>GET requests.{format}</c> with the spec's filters: service_request_id (comma list, overrides all others),
/// service_code (comma list), start_date/end_date on requested_datetime (at most 90 days apart; by default the most
/// recent 90 days), status (open, closed). At most 1000 requests, newest first.
/// </summary>
public static class ListServiceRequests
{
    public const int MaxResults = 1000;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public sealed record Query(string? ServiceRequestIds, string? ServiceCodes, string? StartDate, string? EndDate, string? Status);

    public sealed class Handler(JiexinDbContext db, IOrgDirectory orgs, ICategoryDirectory categories, TimeProvider clock)
    {
        /// <summary>The requests, or the errors that make the query impossible.</summary>
        public async Task<(Open311Array? Requests, Open311Error[] Errors)> Handle(Query query, CancellationToken ct)
        {
            var events = db.Set<Event>().AsNoTracking();
            var ids = Open311Text.List(query.ServiceRequestIds);
            if (ids.Count > 0)
            {
                if (ids.Count > MaxResults)
                {
                    return (null, [new(400, $"service_request_id 一次最多 {MaxResults} 个。 At most {MaxResults} service_request_id values.")]);
                }

                var codes = ids.Select(i => i.ToUpperInvariant()).ToArray();
                events = events.Where(e => codes.Contains(e.TrackingCode));
            }
            else
            {
                var errors = new List<Open311Error>();
                var (start, end) = Window(query.StartDate, query.EndDate, errors);
                var statuses = Statuses(query.Status, errors);
                if (errors.Count > 0)
                {
                    return (null, [.. errors]);
                }

                events = events.Where(e => e.CreatedAt >= start && e.CreatedAt <= end);
                var serviceCodes = Open311Text.List(query.ServiceCodes).ToArray();
                if (serviceCodes.Length > 0)
                {
                    events = events.Where(e => e.CategoryCode != null && serviceCodes.Contains(e.CategoryCode));
                }

                if (statuses is { } wanted)
                {
                    events = events.Where(e => Enumerable.Contains(wanted, e.Status));
                }
            }

            var rows = await ServiceRequestView.Project(events.OrderByDescending(e => e.CreatedAt).Take(MaxResults), db).ToListAsync(ct);
            return (new Open311Array("request", [.. rows.Select(r => ServiceRequestView.ToNode(r, orgs, categories))]), []);
        }

        private (DateTime Start, DateTime End) Window(string? startText, string? endText, List<Open311Error> errors)
        {
            DateTime? start = null, end = null;
            if (!string.IsNullOrWhiteSpace(startText))
            {
                if (Open311Text.TryParseW3c(startText, out var s))
                {
                    start = s;
                }
                else
                {
                    errors.Add(new(400, "start_date 须为 W3C 日期时间，例如 2026-01-01T00:00:00Z。 start_date must be a W3C datetime."));
                }
            }

            if (!string.IsNullOrWhiteSpace(endText))
            {
                if (Open311Text.TryParseW3c(endText, out var e))
                {
                    end = e;
                }
                else
                {
                    errors.Add(new(400, "end_date 须为 W3C 日期时间，例如 2026-03-31T23:59:59Z。 end_date must be a W3C datetime."));
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (from, to) = (start, end) switch
            {
                ({ } s, { } e) => (s, e),
                ({ } s, null) => (s, s + MaxSpan),
                (null, { } e) => (e - MaxSpan, e),
                _ => (now - MaxSpan, now),
            };
            if (to < from)
            {
                errors.Add(new(400, "end_date 不能早于 start_date。 end_date is before start_date."));
            }
            else if (to - from > MaxSpan)
            {
                errors.Add(new(400, "start_date 与 end_date 相隔不能超过 90 天。 The range may not span more than 90 days."));
            }

            return (from, to);
        }

        private static EventStatus[]? Statuses(string? text, List<Open311Error> errors)
        {
            var values = Open311Text.List(text?.ToLowerInvariant());
            if (values.Count == 0)
            {
                return null;
            }

            if (values.FirstOrDefault(v => v is not ("open" or "closed")) is { } unknown)
            {
                errors.Add(new(400, $"status “{unknown}” 无效，可选 open、closed。 status must be open or closed."));
                return null;
            }

            return [.. Enum.GetValues<EventStatus>().Where(s => values.Contains(ServiceRequestView.StatusOf(s)))];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/requests.{format}", async Task<Open311Result> (string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (await guard.CheckReadAsync(request, f, ct) is { } refused)
                {
                    return refused;
                }

                var q = request.Query;
                var (requests, errors) = await handler.Handle(new Query(q["service_request_id"], q["service_code"], q["start_date"], q["end_date"], q["status"]), ct);
                return requests is not null ? Open311Result.Ok("service_requests", requests, f) : Open311Result.BadRequest(f, errors);
            })
            .WithName("Open311.ListServiceRequests");
}
