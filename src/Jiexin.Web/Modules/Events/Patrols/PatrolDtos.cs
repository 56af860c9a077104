using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;

namespace Jiexin.Modules.Events.Patrols;

public sealed record TrackPointDto(DateTime RecordedAt, double Latitude, double Longitude, double? AccuracyMeters);

/// <summary>A patrol as the API and pages show it; <see cref="Track"/> only when asked for one patrol.</summary>
public sealed record PatrolDto(
    Guid Id,
    Guid GridWorkerUserId,
    string GridWorkerName,
    Guid? GridId,
    string? GridName,
    DateTime StartedAt,
    DateTime? EndedAt,
    bool UnderWay,
    double DistanceMeters,
    double DurationMinutes,
    int PointCount,
    string? Note,
    IReadOnlyList<TrackPointDto>? Track)
{
    public static PatrolDto From(Patrol p, IOrgDirectory orgs, DateTime now, IReadOnlyList<TrackPointDto>? track = null) => new(
        p.Id,
        p.GridWorkerUserId,
        p.GridWorkerName,
        p.GridId,
        p.GridId is { } g ? orgs.Describe(new OrgUnitRef(OrgUnitKind.Grid, g)) : null,
        p.StartedAt,
        p.EndedAt,
        p.EndedAt is null,
        Math.Round(p.DistanceMeters, 1),
        Math.Round(p.Duration(now).TotalMinutes, 1),
        p.PointCount,
        p.Note,
        track);
}

public sealed record VisitDto(
    Guid Id,
    Guid GridWorkerUserId,
    string GridWorkerName,
    Guid? GridId,
    Guid? PatrolId,
    string Household,
    DateTime VisitedAt,
    double? Latitude,
    double? Longitude,
    string Note)
{
    public static VisitDto From(Visit v) =>
        new(v.Id, v.GridWorkerUserId, v.GridWorkerName, v.GridId, v.PatrolId, v.Household, v.VisitedAt, v.Latitude, v.Longitude, v.Note);
}

/// <summary>Who the signed-in grid worker is and which grid and community they work in.</summary>
public sealed record GridWorker(Guid UserId, string Name, Guid? GridId, Guid? CommunityId)
{
    public static GridWorker? Of(ClaimsPrincipal user, ITerritoryLookup territory)
    {
        if (!user.IsInRole(Roles.GridWorker) || user.GetUserId() is not { } id)
        {
            return null;
        }

        var unit = user.GetOrgUnit();
        Guid? grid = unit is { Kind: OrgUnitKind.Grid } u ? u.Id : null;
        Guid? community = grid is { } g
            ? territory.Communities.FirstOrDefault(c => territory.GridsOf(c.Id).Any(x => x.Id == g))?.Id
            : unit is { Kind: OrgUnitKind.Community } cu ? cu.Id : null;
        return new GridWorker(id, user.FindFirst(JiexinClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "", grid, community);
    }
}
