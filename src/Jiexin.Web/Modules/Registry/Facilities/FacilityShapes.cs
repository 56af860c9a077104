using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Modules.Territory.Contracts;

namespace Jiexin.Modules.Registry.Facilities;

/// <summary>A fault reported on the facility and where its event stands now.</summary>
public sealed record FacilityFaultDto(Guid EventId, string TrackingCode, string Description, DateTime ReportedAt, string ReportedBy,
    string? EventStatus, string? EventStatusName, bool EventOpen, DateTime? ClosedAt, bool RestoredNormal = false);

/// <summary>市政设施/部件 as the API and pages show it, with its faults (newest first).</summary>
public sealed record FacilityDto(
    Guid Id,
    FacilityKind Kind,
    string KindName,
    string? Code,
    FacilityStatus Status,
    string StatusName,
    string? Location,
    string? Note,
    double? Latitude,
    double? Longitude,
    Guid? ResponsibleDepartmentId,
    string? ResponsibleDepartmentName,
    Guid? CommunityId,
    string? CommunityName,
    Guid? GridId,
    string? GridName,
    DateTime CreatedAt,
    int Version,
    IReadOnlyList<FacilityFaultDto> Faults);

public sealed record FacilityRequest
{
    public FacilityKind? Kind { get; init; }

    public string? Code { get; init; }

    public FacilityStatus? Status { get; init; }

    public string? Location { get; init; }

    public string? Note { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>A standard address near it: its grid, and its point when none is given.</summary>
    public Guid? AddressId { get; init; }

    public Guid? ResponsibleDepartmentId { get; init; }

    public int? Version { get; init; }
}

public static class FacilityDisplay
{
    public static string Of(FacilityKind kind) => kind switch
    {
        FacilityKind.Manhole => "井盖",
        FacilityKind.StreetLight => "路灯",
        FacilityKind.Hydrant => "消防栓",
        FacilityKind.Bin => "垃圾箱",
        FacilityKind.Bench => "座椅",
        FacilityKind.TrafficSign => "交通标志",
        _ => "其他部件",
    };

    public static string Of(FacilityStatus status) => status switch
    {
        FacilityStatus.Normal => "完好",
        FacilityStatus.Damaged => "损坏",
        FacilityStatus.Missing => "丢失",
        _ => "维修中",
    };

    /// <summary>Map and tag colour of a status.</summary>
    public static string Colour(FacilityStatus status) => status switch
    {
        FacilityStatus.Normal => "#52c41a",
        FacilityStatus.Damaged => "#f5222d",
        FacilityStatus.Missing => "#722ed1",
        _ => "#fa8c16",
    };

    public static string? DepartmentName(ITerritoryLookup territory, Guid? id) =>
        id is { } d ? territory.Departments.FirstOrDefault(x => x.Id == d)?.Name : null;

    public static FacilityDto ToDto(Facility f, TerritoryNames names, ITerritoryLookup territory, IReadOnlyList<FacilityFaultDto> faults) => new(
        f.Id, f.Kind, Of(f.Kind), f.Code, f.Status, Of(f.Status), f.Location, f.Note, f.Latitude, f.Longitude, f.ResponsibleDepartmentId,
        DepartmentName(territory, f.ResponsibleDepartmentId), f.CommunityId, names.Of(f.CommunityId), f.GridId, names.Of(f.GridId),
        f.CreatedAt, f.Version, faults);
}
