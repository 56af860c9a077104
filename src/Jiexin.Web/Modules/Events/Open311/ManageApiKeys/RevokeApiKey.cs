using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Events.Open311.ManageApiKeys;

/// <summary>
/// <c>POST /api/v1/admin/open311/keys/{id}/revoke</c>: the key stops working at once. Revoking twice changes nothing
/// (the first time and person stay recorded). Keys from configuration are revoked by removing them there.
/// </summary>
public static class RevokeApiKey
{
    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        public async Task<ApiKeyDto?> Handle(Guid id, ClaimsPrincipal admin, CancellationToken ct)
        {
            var key = await db.Set<Open311ApiKey>().SingleOrDefaultAsync(k => k.Id == id, ct);
            if (key is null)
            {
                return null;
            }

            if (key.RevokedAt is null)
            {
                key.RevokedAt = clock.GetUtcNow().UtcDateTime;
                key.RevokedBy = admin.FindFirst(JiexinClaims.DisplayName)?.Value ?? admin.Identity?.Name ?? "";
                await db.SaveChangesAsync(ct);
            }

            return ToDto(key);
        }
    }

    public static ApiKeyDto ToDto(Open311ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, false, k.RevokedAt is not null, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy);

    public static RouteHandlerBuilder Map(RouteGroupBuilder keys) =>
        keys.MapPost("/{id:guid}/revoke", async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } revoked ? TypedResults.Ok(revoked) : Problems.NotFound("未找到该 API key。"))
            .WithName("Open311.RevokeApiKey");
}
