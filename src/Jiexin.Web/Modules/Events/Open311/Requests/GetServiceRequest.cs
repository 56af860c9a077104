using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Open311.Requests;

/// <summary><c>GET requests/{service_request_id}.{format}</c>: one request (our tracking code is its id), in the list shape the spec gives it.</summary>
public static class GetServiceRequest
{
    public sealed class Handler(JiexinDbContext db, IOrgDirectory orgs, ICategoryDirectory categories)
    {
        public async Task<Open311Array?> Handle(string serviceRequestId, CancellationToken ct)
        {
            var code = serviceRequestId.Trim().ToUpperInvariant();
            var row = await ServiceRequestView.Project(db.Set<Event>().AsNoTracking().Where(e => e.TrackingCode == code), db).FirstOrDefaultAsync(ct);
            return row is null ? null : new Open311Array("request", [ServiceRequestView.ToNode(row, orgs, categories)]);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/requests/{serviceRequestId}.{format}", async Task<Open311Result> (string serviceRequestId, string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (await guard.CheckReadAsync(request, f, ct) is { } refused)
                {
                    return refused;
                }

                return await handler.Handle(serviceRequestId, ct) is { } found
                    ? Open311Result.Ok("service_requests", found, f)
                    : Open311Result.NotFound(f, $"service_request_id “{serviceRequestId}” 不存在。 service_request_id not found.");
            })
            .WithName("Open311.GetServiceRequest");
}
