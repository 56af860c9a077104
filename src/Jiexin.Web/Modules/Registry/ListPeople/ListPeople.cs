using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Registry.ListPeople;

/// <summary>
/// 实有人口 list: the caller's scope, filters, paging. ID number and phone are searched exactly through their blind
/// indexes (no partial search on personal data, by design); the name by substring. Rows are masked.
/// </summary>
public static class ListPeople
{
    public const int MaxPageSize = 200;

    public sealed record Query
    {
        public Guid? CommunityId { get; init; }

        public Guid? GridId { get; init; }

        public ResidenceType? ResidenceType { get; init; }

        public string? Tag { get; init; }

        public string? Name { get; init; }

        /// <summary>Exact ID number or mobile number.</summary>
        public string? Number { get; init; }

        /// <summary>People an approved 核查 found moved out are left out unless asked for.</summary>
        public bool IncludeMovedOut { get; init; }

        public int Page { get; init; } = 1;

        public int PageSize { get; init; } = 20;
    }

    public sealed record Row(
        Guid Id, string Name, string? IdNumber, string? Phone, string? Sex, DateOnly? BirthDate, ResidenceType ResidenceType,
        string? Address, string? CommunityName, string? GridName, IReadOnlyList<string> Tags, DateTime? VerifiedAt, DateTime? MovedOutAt = null);

    public sealed record Page(IReadOnlyList<Row> Items, int Total, int PageNumber, int PageSize, bool CanReveal);

    public sealed class Handler(JiexinDbContext db, RegistryScope scope, PersonalDataSealer sealer, TerritoryNames names)
    {
        /// <summary>The filtered query in scope, for the list and the export.</summary>
        public IQueryable<Person> Filtered(Query q, ClaimsPrincipal user)
        {
            var people = db.Set<Person>().AsNoTracking().InScope(scope.FilterFor(user));
            if (!q.IncludeMovedOut)
            {
                people = people.Where(p => p.MovedOutAt == null);
            }

            if (q.CommunityId is { } community)
            {
                people = people.Where(p => p.CommunityId == community);
            }

            if (q.GridId is { } grid)
            {
                people = people.Where(p => p.GridId == grid);
            }

            if (q.ResidenceType is { } type)
            {
                people = people.Where(p => p.ResidenceType == type);
            }

            if (!string.IsNullOrWhiteSpace(q.Tag))
            {
                var needle = "|" + sealer.TagIndex(q.Tag.Trim()) + "|";
                people = people.Where(p => p.TagsIndex != null && p.TagsIndex.Contains(needle));
            }

            if (!string.IsNullOrWhiteSpace(q.Name))
            {
                var name = q.Name.Trim();
                people = people.Where(p => p.Name.Contains(name));
            }

            if (!string.IsNullOrWhiteSpace(q.Number))
            {
                // An ID number, else a mobile: both through their blind index. Anything else matches nobody.
                var id = ChineseIdNumber.Normalise(q.Number);
                var mobile = MobileNumber.Normalise(q.Number);
                var idIndex = id is { Length: 18 } ? sealer.IdNumberIndex(id) : null;
                var phoneIndex = mobile is null ? null : sealer.PhoneIndex(mobile);
                people = people.Where(p => (idIndex != null && p.IdNumberIndex == idIndex) || (phoneIndex != null && p.PhoneIndex == phoneIndex));
            }

            return people;
        }

        public async Task<Page> Handle(Query q, ClaimsPrincipal user, CancellationToken ct)
        {
            var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
            var number = Math.Max(1, q.Page);
            var people = Filtered(q, user);
            var total = await people.CountAsync(ct);
            var rows = await people.OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Skip((number - 1) * size).Take(size)
                .Select(p => new { Person = p, Address = db.Set<StandardAddress>().Where(a => a.Id == p.AddressId).Select(a => a.Label).FirstOrDefault() })
                .ToListAsync(ct);
            return new Page([.. rows.Select(r => ToRow(r.Person, r.Address))], total, number, size, RegistryScope.MayReveal(user));
        }

        public Row ToRow(Person p, string? address) => new(
            p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.Sex, p.BirthDate, p.ResidenceType, address,
            names.Of(p.CommunityId), names.Of(p.GridId), sealer.Tags(p), p.VerifiedAt, p.MovedOutAt);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder people) =>
        people.MapGet("/", async Task<Ok<Page>> ([AsParameters] QueryParameters q, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(q.ToQuery(), user, ct)))
            .WithName("Registry.ListPeople");

    public sealed record QueryParameters(
        Guid? CommunityId, Guid? GridId, ResidenceType? ResidenceType, string? Tag, string? Name, string? Number,
        [FromQuery] int? Page, [FromQuery] int? PageSize, [FromQuery] bool? IncludeMovedOut)
    {
        public Query ToQuery() => new()
        {
            CommunityId = CommunityId, GridId = GridId, ResidenceType = ResidenceType, Tag = Tag, Name = Name, Number = Number,
            Page = Page ?? 1, PageSize = PageSize ?? 20, IncludeMovedOut = IncludeMovedOut ?? false,
        };
    }
}
