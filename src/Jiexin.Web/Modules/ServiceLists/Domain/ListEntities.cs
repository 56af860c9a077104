using Jiexin.Data;

namespace Jiexin.Modules.ServiceLists.Domain;

/// <summary>Which of the 三张清单 an item is on.</summary>
public enum ListKind
{
    /// <summary>群众需求清单.</summary>
    Need,

    /// <summary>治理资源清单.</summary>
    Resource,

    /// <summary>服务项目清单: a resource matched to needs.</summary>
    Service,
}

public enum ListItemStatus
{
    Open,

    /// <summary>销号: closed with evidence.</summary>
    Closed,
}

/// <summary>Where a need came from. A free reference (<see cref="ListItem.SourceRef"/>), not a foreign key into other modules.</summary>
public enum NeedSource
{
    Resident,
    GridVisit,
    Event,
    Deliberation,
    Other,
}

public enum ResourceKind
{
    University,
    MunicipalUnit,
    Charity,
    VolunteerTeam,
    Other,
}

/// <summary>
/// One line of a month's lists: a need, a resource or a service item. One table for the three lists because they
/// share everything that matters to the loop (month, place, owner, deadline, evidence, 销号, roll-over, publication);
/// the kind-specific columns are few and nullable (docs/decisions/0029-service-lists.md).
/// </summary>
public sealed class ListItem : IHasVersion
{
    /// <summary>Personal-data field name of a resource's contact phone (AES-GCM associated data).</summary>
    public const string ContactPhoneField = "lists.resource.contact_phone";

    public Guid Id { get; set; }

    public ListKind Kind { get; set; }

    /// <summary>The month whose list the item is on now, <c>yyyy-MM</c>; roll-over moves open items forward.</summary>
    public string Month { get; set; } = "";

    /// <summary>The month the item was first listed (never changes).</summary>
    public string OpenedMonth { get; set; } = "";

    /// <summary>How many times a roll-over carried it into a new month.</summary>
    public int CarryOvers { get; set; }

    /// <summary>Null only for street-wide resources.</summary>
    public Guid? CommunityId { get; set; }

    public Guid? GridId { get; set; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Service category of a need or a service item (养老助老, 法律咨询 …).</summary>
    public string? Category { get; set; }

    public ListItemStatus Status { get; set; }

    /// <summary>责任人. Null for a resident's need nobody has taken yet.</summary>
    public string? OwnerName { get; set; }

    /// <summary>办结时限 (China calendar date).</summary>
    public DateOnly Deadline { get; set; }

    public string? Evidence { get; set; }

    public DateTime CreatedAt { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";

    public DateTime? ClosedAt { get; set; }

    public string? ClosedByName { get; set; }

    // Need
    public NeedSource? Source { get; set; }

    public string? SourceRef { get; set; }

    /// <summary>The resident who raised the need on the H5 page.</summary>
    public Guid? ResidentUserId { get; set; }

    // Resource
    public ResourceKind? ResourceKind { get; set; }

    public string? Offer { get; set; }

    /// <summary>Categories a resource serves, stored as <c>|养老助老|法律咨询|</c> so one LIKE finds a category.</summary>
    public string? Categories { get; set; }

    public int? Capacity { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhoneCipher { get; set; }

    public string? ContactPhoneMasked { get; set; }

    // Service
    public Guid? ResourceId { get; set; }

    public int Version { get; set; }

    public List<ListItemEntry> Timeline { get; set; } = [];

    /// <summary>For a service item: the needs it serves.</summary>
    public List<ServiceNeedLink> Needs { get; set; } = [];

    public static string JoinCategories(IEnumerable<string> categories) => "|" + string.Concat(categories.Select(c => c + "|"));

    public static IReadOnlyList<string> SplitCategories(string? categories) =>
        categories is null ? [] : categories.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One step of an item's trail (created, updated, carried over, closed …), shown on its detail.</summary>
public sealed class ListItemEntry
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public DateTime At { get; set; }

    public string Action { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string? Note { get; set; }
}

/// <summary>A service item serves a need.</summary>
public sealed class ServiceNeedLink
{
    public Guid ServiceId { get; set; }

    public Guid NeedId { get; set; }
}

/// <summary>A community's lists of one month, published to residents (公示).</summary>
public sealed class ListPublication
{
    public Guid Id { get; set; }

    public Guid CommunityId { get; set; }

    public string Month { get; set; } = "";

    public DateTime PublishedAt { get; set; }

    public string PublishedByName { get; set; } = "";
}
