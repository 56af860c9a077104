using Jiexin.Modules.SelfGovernance.Contracts;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Media;

namespace Jiexin.Modules.ServiceLists.Shared;

/// <summary>A list item as the API and pages show it. The contact phone is masked; it is never sent in full.</summary>
public sealed record ListItemDto(
    Guid Id,
    ListKind Kind,
    string KindName,
    string Month,
    string OpenedMonth,
    int CarryOvers,
    Guid? CommunityId,
    Guid? GridId,
    string PlaceName,
    string Title,
    string? Description,
    string? Category,
    ListItemStatus Status,
    string StatusName,
    string? OwnerName,
    DateOnly Deadline,
    bool Overdue,
    string? Evidence,
    DateTime CreatedAt,
    string CreatedByName,
    DateTime? ClosedAt,
    string? ClosedByName,
    bool? ClosedOnTime,
    NeedSource? Source,
    string? SourceRef,
    ResourceKind? ResourceKind,
    string? Offer,
    IReadOnlyList<string> Categories,
    int? Capacity,
    string? ContactName,
    string? ContactPhone,
    Guid? ResourceId,
    string? ResourceTitle,
    IReadOnlyList<ListItemDto.Linked> Needs,
    IReadOnlyList<ListItemDto.Linked> ServedBy,
    IReadOnlyList<ListItemDto.Entry> Timeline,
    bool CanEdit,
    int Version)
{
    /// <summary>Evidence photos of the closing (销号), oldest first.</summary>
    public IReadOnlyList<MediaRef> EvidencePhotos { get; init; } = [];

    /// <summary>四方议事 topics raised from this need (staff only), oldest first.</summary>
    public IReadOnlyList<RaisedTopic> DeliberationTopics { get; init; } = [];

    public sealed record Linked(Guid Id, string Title, ListItemStatus Status, string StatusName);

    public sealed record Entry(DateTime At, string Action, string ActionName, string ActorName, string? Note);

    public static ListItemDto From(
        ListItem i, string placeName, DateOnly today, bool canEdit,
        string? resourceTitle = null, IReadOnlyList<Linked>? needs = null, IReadOnlyList<Linked>? servedBy = null) => new(
        i.Id, i.Kind, ListRules.Name(i.Kind), i.Month, i.OpenedMonth, i.CarryOvers, i.CommunityId, i.GridId, placeName,
        i.Title, i.Description, i.Category, i.Status, ListRules.Name(i.Status), i.OwnerName, i.Deadline,
        i.Status == ListItemStatus.Open && i.Deadline < today, i.Evidence, i.CreatedAt, i.CreatedByName, i.ClosedAt, i.ClosedByName,
        i.ClosedAt is { } closed ? ListRules.ClosedOnTime(closed, i.Deadline) : null,
        i.Source, i.SourceRef, i.ResourceKind, i.Offer, ListItem.SplitCategories(i.Categories), i.Capacity, i.ContactName, i.ContactPhoneMasked,
        i.ResourceId, resourceTitle, needs ?? [], servedBy ?? [],
        [.. i.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new Entry(t.At, t.Action, ListRules.ActionName(t.Action), t.ActorName, t.Note))],
        canEdit, i.Version);
}
