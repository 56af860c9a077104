using Jiexin.Modules.Registry.Domain;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>A person as the API and pages show them: ID number and phone masked (<c>320282**********34</c>, <c>138****5678</c>).</summary>
public sealed record PersonDto(
    Guid Id,
    string Name,
    string? IdNumber,
    string? Phone,
    DateOnly? BirthDate,
    string? Sex,
    ResidenceType ResidenceType,
    Guid? AddressId,
    string? Address,
    Guid? HouseId,
    HouseRelation? RelationToHouse,
    IReadOnlyList<string> Tags,
    string? Note,
    Guid? CommunityId,
    string? CommunityName,
    Guid? GridId,
    string? GridName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? VerifiedAt,
    int Version,
    bool CanReveal,
    DateTime? MovedOutAt = null)
{
    public static PersonDto From(Person p, string? address, IReadOnlyList<string> tags, TerritoryNames names, bool canReveal) => new(
        p.Id, p.Name, p.IdNumberMasked, p.PhoneMasked, p.BirthDate, p.Sex, p.ResidenceType, p.AddressId, address, p.HouseId,
        p.RelationToHouse, tags, p.Note, p.CommunityId, names.Of(p.CommunityId), p.GridId, names.Of(p.GridId),
        p.CreatedAt, p.UpdatedAt, p.VerifiedAt, p.Version, canReveal, p.MovedOutAt);
}

/// <summary>The JSON body of create and update (update adds <c>version</c>).</summary>
public sealed record PersonRequest
{
    public string? Name { get; init; }

    public string? IdNumber { get; init; }

    public string? Phone { get; init; }

    public ResidenceType? ResidenceType { get; init; }

    public Guid? AddressId { get; init; }

    public Guid? HouseId { get; init; }

    public HouseRelation? RelationToHouse { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Note { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Update only: the version the editor saw.</summary>
    public int? Version { get; init; }

    /// <summary>Update only: remove the stored ID number (an empty <see cref="IdNumber"/> keeps it).</summary>
    public bool ClearIdNumber { get; init; }

    /// <summary>Update only: remove the stored phone.</summary>
    public bool ClearPhone { get; init; }

    public PersonFields ToFields() => new()
    {
        Name = Name, IdNumber = IdNumber, Phone = Phone, ResidenceType = ResidenceType, AddressId = AddressId, HouseId = HouseId,
        RelationToHouse = RelationToHouse, Tags = Tags, Note = Note, Latitude = Latitude, Longitude = Longitude,
    };
}

/// <summary>The outcome of a create or an update: the id, field errors, a conflict or not found.</summary>
public sealed record PersonSaveResult(Guid? Id, IDictionary<string, string[]>? Errors = null, string? Conflict = null, bool NotFound = false)
{
    public static PersonSaveResult Invalid(IDictionary<string, string> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
}
