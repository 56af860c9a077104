using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Modules.Registry.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.RegistryLinks;

/// <summary>
/// 发生地址 / 所涉房屋 (issue 5 §5): the registry's standard address where a dispute happened and the house in question, set
/// at intake (<c>addressId</c>/<c>houseId</c>) or afterwards by staff who may see the case. Only ids are kept; labels come
/// from the registry; the house's and the address's registry pages list the case (<see cref="Contracts.IDisputesOfRegistry"/>).
/// </summary>
public static class DisputePlace
{
    /// <summary>Both empty clears the place. A house alone brings its address; both must agree.</summary>
    public sealed record PlaceRequest(Guid? AddressId, Guid? HouseId, int? Version);

    /// <summary>The place as shown; <c>CanOpen…</c> says whether the caller may open the registry record (its page is not 404 to them).</summary>
    public sealed record PlaceDto(Guid? AddressId, string? AddressLabel, bool CanOpenAddress, Guid? HouseId, string? HouseLabel, bool CanOpenHouse, int Version);

    public sealed record Resolved(Guid? AddressId, RegistryAddress? Address, RegistryHouse? House);

    public sealed record Outcome(PlaceDto? Place, bool NotFound = false, IDictionary<string, string[]>? Errors = null, string? Conflict = null);

    /// <summary>Checks the ids against the registry: unknown → a field error naming <c>addressId</c> or <c>houseId</c>.</summary>
    public static async Task<Resolved?> ResolveAsync(IRegistryLookup registry, Guid? addressId, Guid? houseId, Action<string, string> error, CancellationToken ct)
    {
        RegistryHouse? house = null;
        if (houseId is { } h)
        {
            house = await registry.FindHouseAsync(h, ct);
            if (house is null)
            {
                error("houseId", "基础数据中没有该房屋。");
                return null;
            }
        }

        RegistryAddress? address = null;
        var effectiveAddress = addressId ?? house?.AddressId;
        if (effectiveAddress is { } a)
        {
            address = await registry.FindAddressAsync(a, ct);
            if (address is null)
            {
                error("addressId", "基础数据中没有该地址。");
                return null;
            }
        }

        if (house is not null && addressId is { } given && given != house.AddressId)
        {
            error("houseId", "所选房屋不在所选地址。");
            return null;
        }

        return new Resolved(effectiveAddress, address, house);
    }

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, IRegistryLookup registry)
    {
        public async Task<PlaceDto?> GetAsync(Guid disputeId, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await db.Set<Dispute>().AsNoTracking().Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == disputeId, ct);
            return d is null || !DisputeAccess.IsStaff(user) || !await access.CanSeeAsync(user, d) ? null : await ToDtoAsync(d, user, ct);
        }

        public async Task<Outcome> SetAsync(Guid disputeId, PlaceRequest body, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await db.Set<Dispute>().Include(x => x.Parties).SingleOrDefaultAsync(x => x.Id == disputeId, ct);
            if (d is null || !DisputeAccess.IsStaff(user) || !await access.CanSeeAsync(user, d))
            {
                return new(null, NotFound: true);
            }

            var errors = new Dictionary<string, string[]>();
            if (body.Version is not { } version)
            {
                return new(null, Errors: new Dictionary<string, string[]> { ["version"] = ["请提供纠纷的版本号（version）。"] });
            }

            var resolved = await ResolveAsync(registry, body.AddressId, body.HouseId, (f, m) => errors.TryAdd(f, [m]), ct);
            if (resolved is null)
            {
                return new(null, Errors: errors);
            }

            if (version != d.Version)
            {
                return new(null, Conflict: "该纠纷已被他人更新，请刷新后重试。");
            }

            d.RegistryAddressId = resolved.AddressId;
            d.RegistryHouseId = resolved.House?.Id;
            // A case registered without a written address takes the registry's label.
            if (string.IsNullOrWhiteSpace(d.Address) && resolved.Address is { } a)
            {
                d.Address = a.Label;
            }

            db.Entry(d).Property(x => x.Version).OriginalValue = version;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new(null, Conflict: "该纠纷已被他人更新，请刷新后重试。");
            }

            return new(await ToDtoAsync(d, user, ct));
        }

        private async Task<PlaceDto> ToDtoAsync(Dispute d, ClaimsPrincipal user, CancellationToken ct)
        {
            var address = d.RegistryAddressId is { } a ? await registry.FindAddressAsync(a, ct) : null;
            var house = d.RegistryHouseId is { } h ? await registry.FindHouseAsync(h, ct) : null;
            return new PlaceDto(
                d.RegistryAddressId, address?.Label, address is not null && await registry.CanSeeAsync(user, RegistryRecordKind.Address, address.Id, ct),
                d.RegistryHouseId, house?.AddressLabel, house is not null && await registry.CanSeeAsync(user, RegistryRecordKind.House, house.Id, ct),
                d.Version);
        }
    }

    public static void Map(RouteGroupBuilder disputes)
    {
        disputes.MapGet("/{id:guid}/registry-place", async Task<Results<Ok<PlaceDto>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.GetAsync(id, user, ct) is { } place ? TypedResults.Ok(place) : Problems.NotFound("未找到该纠纷。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.GetRegistryPlace");
        disputes.MapPut("/{id:guid}/registry-place", async Task<Results<Ok<PlaceDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, PlaceRequest body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.SetAsync(id, body, user, ct);
                return outcome switch
                {
                    { Place: { } place } => TypedResults.Ok(place),
                    { NotFound: true } => Problems.NotFound("未找到该纠纷。"),
                    { Conflict: { } c } => Problems.Conflict(c),
                    _ => TypedResults.ValidationProblem(outcome.Errors!, title: "提交的数据有误"),
                };
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.SetRegistryPlace");
    }
}
