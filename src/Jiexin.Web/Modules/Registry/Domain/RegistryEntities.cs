using Jiexin.Data;
using Jiexin.Platform.Audit;

namespace Jiexin.Modules.Registry.Domain;

/// <summary>
/// Where a registry record belongs (全要素网格): its grid once located, else only its community (a record entered
/// before verification belongs to the creating staff member's community), else the street (all-territory scope only).
/// </summary>
public interface IGridAttached
{
    Guid? CommunityId { get; set; }

    Guid? GridId { get; set; }
}

/// <summary>标准地址: community / road / number / building / unit / room, with the place where it is.</summary>
public sealed class StandardAddress : IGridAttached, IHasVersion
{
    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    /// <summary>路/街/巷, e.g. 新庄路.</summary>
    public string Road { get; set; } = "";

    /// <summary>门牌号, e.g. 88号.</summary>
    public string Number { get; set; } = "";

    public string? Building { get; set; }

    public string? UnitNo { get; set; }

    public string? Room { get; set; }

    /// <summary>The whole address as one line (community name first), what people type and what the import matches.</summary>
    public string Label { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

public enum HouseUse
{
    Residential,
    Commercial,
    Mixed,
    Office,
    Industrial,
    Other,
}

public enum HouseStructure
{
    ReinforcedConcrete,
    BrickConcrete,
    BrickWood,
    Steel,
    Other,
}

/// <summary>实有房屋: one dwelling or premises at one standard address.</summary>
public sealed class House : IGridAttached, IHasVersion
{
    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public Guid AddressId { get; set; }

    public HouseUse Use { get; set; }

    public HouseStructure Structure { get; set; }

    public double? AreaSquareMeters { get; set; }

    /// <summary>产权人 as written on the deed (the owner may not live here or be in the registry).</summary>
    public string? OwnerName { get; set; }

    /// <summary>出租屋: rented out; the occupants are then tenants.</summary>
    public bool IsRented { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>户籍 household-registered here, 流动 floating (registered elsewhere), 境外 overseas.</summary>
public enum ResidenceType
{
    Household,
    Floating,
    Overseas,
}

/// <summary>The person's relation to the house they live in.</summary>
public enum HouseRelation
{
    Owner,
    FamilyMember,
    Tenant,
    Other,
}

/// <summary>
/// 实有人口. ID number, phone and the sensitive tags are personal data: stored only as ciphertext (AES-GCM, per field)
/// with a keyed blind index beside for exact search; never in plaintext, never in the audit log.
/// </summary>
public sealed class Person : IGridAttached, IHasVersion
{
    public const string IdNumberField = "registry.person.id_number";
    public const string PhoneField = "registry.person.phone";
    public const string TagsField = "registry.person.tags";

    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public string Name { get; set; } = "";

    [AuditRedacted]
    public string? IdNumberCipher { get; set; }

    /// <summary>Blind index of the normalised ID number; unique (one person per ID number).</summary>
    [AuditRedacted]
    public string? IdNumberIndex { get; set; }

    /// <summary>The first 6 and last 2 characters, for masked display without decrypting every row of a list.</summary>
    public string? IdNumberMasked { get; set; }

    [AuditRedacted]
    public string? PhoneCipher { get; set; }

    [AuditRedacted]
    public string? PhoneIndex { get; set; }

    public string? PhoneMasked { get; set; }

    /// <summary>From the ID number when there is one.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>男 / 女.</summary>
    public string? Sex { get; set; }

    public ResidenceType ResidenceType { get; set; }

    public Guid? AddressId { get; set; }

    public Guid? HouseId { get; set; }

    public HouseRelation? RelationToHouse { get; set; }

    /// <summary>Tags (特殊人群 ...), encrypted as one comma-separated value.</summary>
    [AuditRedacted]
    public string? TagsCipher { get; set; }

    /// <summary>"|index1|index2|": the blind index of every tag, so lists filter by tag without the plaintext.</summary>
    [AuditRedacted]
    public string? TagsIndex { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    /// <summary>When an approved 核查 found them moved out (迁出): kept for history, left out of lists and new campaigns.</summary>
    public DateTime? MovedOutAt { get; set; }

    public int Version { get; set; }
}

/// <summary>公司/企业, 沿街商铺, 机关事业单位, 社会组织 ...</summary>
public enum UnitKind
{
    Company,
    StreetShop,
    Institution,
    SocialOrganisation,
    Other,
}

/// <summary>实有单位 and 沿街商铺.</summary>
public sealed class Unit : IGridAttached, IHasVersion
{
    public const string ContactPhoneField = "registry.unit.contact_phone";

    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public UnitKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码 / 营业执照号.</summary>
    public string? LicenceNumber { get; set; }

    public string? ContactName { get; set; }

    [AuditRedacted]
    public string? ContactPhoneCipher { get; set; }

    [AuditRedacted]
    public string? ContactPhoneIndex { get; set; }

    public string? ContactPhoneMasked { get; set; }

    public Guid? AddressId { get; set; }

    public string? Note { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>道路 (attached to the grid of its reference point).</summary>
public sealed class Road : IGridAttached, IHasVersion
{
    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public string Name { get; set; } = "";

    public double? LengthMeters { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

public enum FacilityKind
{
    Manhole,
    StreetLight,
    Hydrant,
    Bin,
    Bench,
    TrafficSign,
    Other,
}

public enum FacilityStatus
{
    Normal,
    Damaged,
    Missing,
    UnderRepair,
}

/// <summary>市政设施/部件: manholes, street lights, hydrants, bins ...</summary>
public sealed class Facility : IGridAttached, IHasVersion
{
    public Guid Id { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public FacilityKind Kind { get; set; }

    /// <summary>部件编码 painted on it.</summary>
    public string? Code { get; set; }

    /// <summary>Where it stands in words (e.g. 新庄路88号东侧), beside the point.</summary>
    public string? Location { get; set; }

    public string? Note { get; set; }

    public FacilityStatus Status { get; set; }

    public Guid? ResponsibleDepartmentId { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// A fault reported on a facility (部件故障上报): the event it opened in the loop (docs/decisions/0036-registry-units-facilities.md).
/// The facility's status before the report is kept, so the page can tell what the fault changed.
/// </summary>
public sealed class FacilityFault
{
    public Guid Id { get; set; }

    public Guid FacilityId { get; set; }

    public Guid EventId { get; set; }

    public string TrackingCode { get; set; } = "";

    public string Description { get; set; } = "";

    public FacilityStatus PreviousStatus { get; set; }

    public DateTime ReportedAt { get; set; }

    public Guid? ReportedBy { get; set; }

    public string ReportedByName { get; set; } = "";

    /// <summary>When the job saw the fault's event closed (办结); a 损坏 facility with no open fault returns to 完好 then.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>Whether closing this fault set the facility back to 完好 (the facility's history shows it).</summary>
    public bool RestoredNormal { get; set; }
}
