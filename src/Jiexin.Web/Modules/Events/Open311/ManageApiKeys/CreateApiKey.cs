using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Modules.Events.Open311.Keys;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Events.Open311.ManageApiKeys;

/// <summary>
/// <c>POST /api/v1/admin/open311/keys</c> <c>{"name"}</c> → 201 with the new key, shown this once: only its SHA-256 is
/// stored, so nobody (the Admin included) can read it again.
/// </summary>
public static class CreateApiKey
{
    public const int MaxName = 64;

    public sealed record Request(string? Name);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        /// <summary>The created key, or the field error.</summary>
        public async Task<(CreatedApiKeyDto? Created, string? Error)> Handle(Request request, ClaimsPrincipal admin, CancellationToken ct)
        {
            var name = request.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                return (null, "请填写使用方名称，例如“12345 热线平台”。");
            }

            if (name.Length > MaxName)
            {
                return (null, $"名称不能超过 {MaxName} 个字。");
            }

            var key = Open311Keys.NewKey();
            var now = clock.GetUtcNow().UtcDateTime;
            var entity = new Open311ApiKey
            {
                Id = Guid.CreateVersion7(now),
                Name = name,
                Prefix = key[..Open311Keys.PrefixLength],
                KeyHash = Open311Keys.Hash(key),
                CreatedAt = now,
                CreatedBy = admin.FindFirst(JiexinClaims.DisplayName)?.Value ?? admin.Identity?.Name ?? "",
            };
            db.Add(entity);
            await db.SaveChangesAsync(ct);
            return (new CreatedApiKeyDto(RevokeApiKey.ToDto(entity), key), null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder keys) =>
        keys.MapPost("/", async Task<Results<Created<CreatedApiKeyDto>, ValidationProblem>> (Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (created, error) = await handler.Handle(body, user, ct);
                return created is null
                    ? Problems.Validation("name", error!)
                    : TypedResults.Created($"/api/v1/admin/open311/keys/{created.ApiKey.Id}", created);
            })
            .WithName("Open311.CreateApiKey");
}
