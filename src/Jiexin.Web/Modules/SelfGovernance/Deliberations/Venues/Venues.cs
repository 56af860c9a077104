using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Venues;

public sealed record VenueDto(Guid Id, Guid CommunityId, string CommunityName, string Name, string? Address, bool IsActive, int Version);

/// <summary>议事场所 of the communities in the user's scope.</summary>
public static class ListVenues
{
    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<IReadOnlyList<VenueDto>> Handle(Guid? communityId, bool activeOnly, ClaimsPrincipal user, CancellationToken ct)
        {
            var visible = access.VisibleCommunities(user);
            var query = db.Set<DeliberationVenue>().AsNoTracking();
            if (visible is not null)
            {
                query = query.Where(v => Enumerable.Contains(visible, v.CommunityId));
            }

            if (communityId is { } c)
            {
                query = query.Where(v => v.CommunityId == c);
            }

            if (activeOnly)
            {
                query = query.Where(v => v.IsActive);
            }

            var venues = await query.OrderBy(v => v.Name).ToListAsync(ct);
            return [.. venues.Select(v => ToDto(v, access))];
        }
    }

    internal static VenueDto ToDto(DeliberationVenue v, SelfGovernanceAccess access) =>
        new(v.Id, v.CommunityId, access.CommunityName(v.CommunityId), v.Name, v.Address, v.IsActive, v.Version);

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapGet("/venues", async Task<Ok<IReadOnlyList<VenueDto>>> (Guid? communityId, bool? activeOnly, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(communityId, activeOnly ?? false, user, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ListVenues");
}

/// <summary>Adds or edits a venue (name unique within its community; a venue in use is retired, not deleted).</summary>
public static class SaveVenue
{
    public sealed record Request(Guid? CommunityId, string? Name, string? Address, bool? IsActive = null, int? Version = null);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access)
    {
        public async Task<Outcome<VenueDto>> Handle(Guid? id, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var name = body.Name?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 50)
            {
                return Outcome<VenueDto>.Invalid("name", "请填写场所名称（不超过 50 字）。");
            }

            if (body.Address?.Trim().Length > 200)
            {
                return Outcome<VenueDto>.Invalid("address", "地址不超过 200 字。");
            }

            DeliberationVenue venue;
            if (id is { } existing)
            {
                var found = await db.Set<DeliberationVenue>().SingleOrDefaultAsync(v => v.Id == existing, ct);
                if (found is null || !await access.CanSeeAsync(user, found.CommunityId))
                {
                    return Outcome<VenueDto>.NotFound("未找到该议事场所。");
                }

                venue = found;
                if (body.Version is not { } version)
                {
                    return Outcome<VenueDto>.Invalid("version", "请提供您看到的版本号（version）。");
                }

                db.Entry(venue).Property(v => v.Version).OriginalValue = version;
            }
            else
            {
                if (body.CommunityId is not { } communityId || !access.CommunityExists(communityId))
                {
                    return Outcome<VenueDto>.Invalid("communityId", "请选择所属社区。");
                }

                venue = new DeliberationVenue { Id = Guid.CreateVersion7(), CommunityId = communityId, Name = name };
                db.Add(venue);
            }

            if (!await access.CanManageAsync(user, venue.CommunityId))
            {
                return Outcome<VenueDto>.Forbidden("该社区不在您的职责范围内。");
            }

            if (await db.Set<DeliberationVenue>().AnyAsync(v => v.CommunityId == venue.CommunityId && v.Name == name && v.Id != venue.Id, ct))
            {
                return Outcome<VenueDto>.Invalid("name", "该社区已有同名的议事场所。");
            }

            venue.Name = name;
            venue.Address = string.IsNullOrWhiteSpace(body.Address) ? null : body.Address.Trim();
            venue.IsActive = body.IsActive ?? venue.IsActive;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<VenueDto>.Conflict(null, "该场所刚被他人修改，请刷新后再试。");
            }

            var dto = ListVenues.ToDto(venue, access);
            return id is null ? Outcome<VenueDto>.Created(dto) : Outcome<VenueDto>.Done(dto);
        }
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/venues", async Task<Results<Ok<VenueDto>, Created<VenueDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(null, body, user, ct)).ToHttp(v => $"/api/v1/deliberations/venues/{v.Id}"))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.AddVenue");
        g.MapPut("/venues/{id:guid}", async Task<Results<Ok<VenueDto>, Created<VenueDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(id, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.EditVenue");
    }
}

/// <summary>Seeds the demo subdistrict's branded venues (新庄 practice: 景湖邻里堂, 民情茶馆, 老街话事) once.</summary>
internal sealed class DemoVenueSeeder(JiexinDbContext db, IOrgDirectory orgs, ITerritoryLookup territory) : IStartupTask
{
    public int Order => 220; // after the directory (150)

    public async Task RunAsync(CancellationToken ct)
    {
        if (!orgs.IsDemo || await db.Set<DeliberationVenue>().AnyAsync(ct))
        {
            return;
        }

        string[] brands = ["民情茶馆", "景湖邻里堂", "老街话事"];
        var i = 0;
        foreach (var community in territory.Communities)
        {
            db.Add(new DeliberationVenue { Id = Guid.CreateVersion7(), CommunityId = community.Id, Name = brands[i++ % brands.Length], Address = $"{community.Name}党群服务中心" });
        }

        await db.SaveChangesAsync(ct);
    }
}
