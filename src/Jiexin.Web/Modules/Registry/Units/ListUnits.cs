using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.Units;

/// <summary>
/// 实有单位 list in the caller's scope: community, grid, kind, text (name, licence number or address, by substring),
/// the contact's mobile exactly (blind index); paged, masked.
/// </summary>
public static class ListUnits
{
    public sealed record Query(Guid? CommunityId = null, Guid? GridId = null, UnitKind? Kind = null, string? Text = null, string? Phone = null, int Page = 1, int PageSize = 20);

    public sealed record Row(Guid Id, UnitKind Kind, string Name, string? LicenceNumber, string? ContactName, string? ContactPhone,
        string? Address, string? CommunityName, string? GridName);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, IPersonalDataProtector protector, TerritoryNames names)
    {
        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, 200);
            var number = Math.Max(1, q.Page);
            var units = db.Set<Unit>().AsNoTracking().InScope(scope.FilterFor(user));
            if (q.CommunityId is { } c)
            {
                units = units.Where(u => u.CommunityId == c);
            }

            if (q.GridId is { } g)
            {
                units = units.Where(u => u.GridId == g);
            }

            if (q.Kind is { } kind)
            {
                units = units.Where(u => u.Kind == kind);
            }

            if (!string.IsNullOrWhiteSpace(q.Phone))
            {
                // Exact only, through the blind index; anything that is not a mobile matches nothing.
                var index = MobileNumber.Normalise(q.Phone) is { } mobile ? protector.BlindIndex(Unit.ContactPhoneField, mobile) : "-";
                units = units.Where(u => u.ContactPhoneIndex == index);
            }

            var rows = units.Select(u => new
            {
                Unit = u,
                Address = db.Set<StandardAddress>().Where(a => a.Id == u.AddressId).Select(a => a.Label).FirstOrDefault(),
            });
            if (!string.IsNullOrWhiteSpace(q.Text))
            {
                var text = q.Text.Trim();
                var upper = text.ToUpperInvariant();
                rows = rows.Where(x => x.Unit.Name.Contains(text) || (x.Unit.LicenceNumber != null && x.Unit.LicenceNumber.Contains(upper))
                    || (x.Address != null && x.Address.Contains(text)));
            }

            var total = await rows.CountAsync(ct);
            var page = await rows.OrderBy(x => x.Unit.Name).ThenBy(x => x.Unit.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
            return new Page([.. page.Select(x => new Row(x.Unit.Id, x.Unit.Kind, x.Unit.Name, x.Unit.LicenceNumber, x.Unit.ContactName,
                x.Unit.ContactPhoneMasked, x.Address, names.Of(x.Unit.CommunityId), names.Of(x.Unit.GridId)))], total, number, size);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder units) =>
        units.MapGet("/", async Task<Ok<Page>> (Guid? communityId, Guid? gridId, UnitKind? kind, string? text, string? phone, int? page, int? pageSize,
                ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(new Query(communityId, gridId, kind, text, phone, page ?? 1, pageSize ?? 20), user, ct)))
            .WithName("Registry.ListUnits");
}
