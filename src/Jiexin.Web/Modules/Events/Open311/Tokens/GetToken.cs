using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Modules.Events.Open311.Format;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Open311.Tokens;

/// <summary>
/// <c>GET tokens/{token}.{format}</c>: the service_request_id behind a token from POST requests. Every request created
/// through Open311 has a token; POST hands it out instead of the id when the endpoint runs in batch mode.
/// </summary>
public static class GetToken
{
    public sealed class Handler(JiexinDbContext db)
    {
        public async Task<Open311Array?> Handle(string token, CancellationToken ct)
        {
            var found = await (
                    from s in db.Set<Open311Submission>().AsNoTracking()
                    join e in db.Set<Event>() on s.EventId equals e.Id
                    where s.Token == token
                    select new { e.TrackingCode, s.Token })
                .FirstOrDefaultAsync(ct);
            return found is null
                ? null
                : new Open311Array("request", [new Open311Object(("service_request_id", found.TrackingCode), ("token", found.Token))]);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder open311) =>
        open311.MapGet("/tokens/{token}.{format}", async Task<Open311Result> (string token, string format, HttpRequest request, Open311Guard guard, Handler handler, CancellationToken ct) =>
            {
                if (!Open311Writer.TryParseFormat(format, out var f))
                {
                    return Open311Result.UnknownFormat(format);
                }

                if (await guard.CheckReadAsync(request, f, ct) is { } refused)
                {
                    return refused;
                }

                return await handler.Handle(token.Trim(), ct) is { } found
                    ? Open311Result.Ok("service_requests", found, f)
                    : Open311Result.NotFound(f, $"token “{token}” 不存在。 token not found.");
            })
            .WithName("Open311.GetToken");
}
