using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;

namespace Jiexin.Modules.Registry.Units;

/// <summary>实有单位 as the API and pages show it: the contact's phone masked (<c>138****5678</c>).</summary>
public sealed record UnitDto(
    Guid Id,
    UnitKind Kind,
    string Name,
    string? LicenceNumber,
    string? ContactName,
    string? ContactPhone,
    Guid? AddressId,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Note,
    Guid? CommunityId,
    string? CommunityName,
    Guid? GridId,
    string? GridName,
    DateTime CreatedAt,
    int Version,
    bool CanReveal)
{
    public static UnitDto From(Unit u, string? address, TerritoryNames names, bool canReveal) => new(
        u.Id, u.Kind, u.Name, u.LicenceNumber, u.ContactName, u.ContactPhoneMasked, u.AddressId, address, u.Latitude, u.Longitude,
        u.Note, u.CommunityId, names.Of(u.CommunityId), u.GridId, names.Of(u.GridId), u.CreatedAt, u.Version, canReveal);
}

/// <summary>The JSON body of create and update (update adds <c>version</c>; an empty phone keeps the stored one unless <c>clearContactPhone</c>).</summary>
public sealed record UnitRequest
{
    public UnitKind? Kind { get; init; }

    public string? Name { get; init; }

    public string? LicenceNumber { get; init; }

    public string? ContactName { get; init; }

    public string? ContactPhone { get; init; }

    public Guid? AddressId { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Note { get; init; }

    public int? Version { get; init; }

    public bool ClearContactPhone { get; init; }
}

/// <summary>The outcome of a save of a unit, road or facility: the id, field errors, a conflict or not found.</summary>
public sealed record RecordSaveResult(Guid? Id, IDictionary<string, string[]>? Errors = null, string? Conflict = null, bool NotFound = false)
{
    public const string VersionConflict = "该记录已被他人修改，请刷新后重试。";

    public static RecordSaveResult Invalid(IDictionary<string, string> errors) =>
        new(null, errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
}

public static class UnitDisplay
{
    public static string Of(UnitKind kind) => kind switch
    {
        UnitKind.Company => "企业",
        UnitKind.StreetShop => "沿街商铺",
        UnitKind.Institution => "机关事业单位",
        UnitKind.SocialOrganisation => "社会组织",
        _ => "其他",
    };
}

/// <summary>Checks shared by the registry's record forms (lengths in plain Chinese).</summary>
public static class RecordRules
{
    public static string? Text(string? value, string field, string label, int max, bool required, IDictionary<string, string> errors)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null && required)
        {
            errors[field] = $"请填写{label}。";
        }
        else if (v is { Length: var n } && n > max)
        {
            errors[field] = $"{label}不能超过 {max} 个字。";
        }

        return v;
    }
}
