using Jiexin.Data;
using Jiexin.Modules.Events.Open311.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Open311.ManageApiKeys;

/// <summary><c>GET /api/v1/admin/open311/keys</c>: the keys issued here (newest first), then those from configuration.</summary>
public static class ListApiKeys
{
    public sealed class Handler(JiexinDbContext db, IOptionsMonitor<Open311Options> options)
    {
        public async Task<IReadOnlyList<ApiKeyDto>> Handle(CancellationToken ct)
        {
            var issued = await db.Set<Open311ApiKey>().AsNoTracking()
                .OrderByDescending(k => k.CreatedAt)
                .Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, false, k.RevokedAt != null, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy))
                .ToListAsync(ct);
            var configured = options.CurrentValue.ApiKeys
                .Where(k => !string.IsNullOrEmpty(k.Key) || !string.IsNullOrEmpty(k.KeySha256))
                .Select(k => new ApiKeyDto(null, string.IsNullOrWhiteSpace(k.Name) ? "Open311" : k.Name, null, true, false, null, null, null, null));
            return [.. issued, .. configured];
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder keys) =>
        keys.MapGet("/", async Task<Ok<IReadOnlyList<ApiKeyDto>>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.Handle(ct)))
            .WithName("Open311.ListApiKeys");
}
