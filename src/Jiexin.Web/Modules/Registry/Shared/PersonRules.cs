using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Privacy;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>What a form, the API or an import row says about a person, before validation.</summary>
public sealed record PersonFields
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
}

/// <summary>A person's fields, normalised and valid; birth date and sex derived from the ID number.</summary>
public sealed record ValidPerson(
    string Name, string? IdNumber, string? Phone, DateOnly? BirthDate, string? Sex, ResidenceType ResidenceType, IReadOnlyList<string> Tags, string? Note);

/// <summary>Validation of a person's own fields (references such as the address are checked by the handlers).</summary>
public static class PersonRules
{
    public const int MaxName = 64;
    public const int MaxNote = 500;
    public const int MaxTags = 10;
    public const int MaxTag = 16;

    /// <summary>The tags the forms offer (特殊人群 and 重点人群); other short tags are accepted too.</summary>
    public static readonly IReadOnlyList<string> SuggestedTags =
        ["低保户", "残疾人", "独居老人", "空巢老人", "留守儿童", "退役军人", "失业人员", "重点关注", "社区矫正", "精神障碍"];

    /// <summary>Errors go into <paramref name="errors"/> by camelCase field name; null when any was found.</summary>
    public static ValidPerson? Validate(PersonFields f, DateOnly today, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        var name = f.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "姓名不能为空。";
        }
        else if (name.Length > MaxName)
        {
            errors["name"] = $"姓名不能超过 {MaxName} 个字。";
        }

        var idNumber = ChineseIdNumber.Normalise(f.IdNumber);
        if (idNumber is not null && ChineseIdNumber.Validate(idNumber, today) is { } idError)
        {
            errors["idNumber"] = idError;
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(f.Phone) && (phone = MobileNumber.Normalise(f.Phone)) is null)
        {
            errors["phone"] = "手机号码格式不正确（11 位，以 13–19 开头）。";
        }

        var tags = (f.Tags ?? []).Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags)
        {
            errors["tags"] = $"标签最多 {MaxTags} 个。";
        }
        else if (tags.FirstOrDefault(t => t.Length > MaxTag || t.Contains(',') || t.Contains('|')) is { } bad)
        {
            errors["tags"] = $"标签“{bad}”不正确：最长 {MaxTag} 个字，不能含逗号或竖线。";
        }

        var note = string.IsNullOrWhiteSpace(f.Note) ? null : f.Note.Trim();
        if (note is { Length: > MaxNote })
        {
            errors["note"] = $"备注不能超过 {MaxNote} 个字。";
        }

        if (f.Latitude is null != f.Longitude is null)
        {
            errors[f.Latitude is null ? "latitude" : "longitude"] = "纬度和经度须同时填写。";
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ValidPerson(
            name!, idNumber, phone,
            idNumber is null ? null : ChineseIdNumber.BirthDate(idNumber),
            idNumber is null ? null : ChineseIdNumber.Sex(idNumber),
            f.ResidenceType ?? ResidenceType.Household, tags, note);
    }

    public static string Display(ResidenceType type) => type switch
    {
        ResidenceType.Household => "户籍人口",
        ResidenceType.Floating => "流动人口",
        ResidenceType.Overseas => "境外人员",
        _ => type.ToString(),
    };

    public static ResidenceType? ParseResidence(string? text) => text?.Trim() switch
    {
        "户籍" or "户籍人口" or "Household" => ResidenceType.Household,
        "流动" or "流动人口" or "Floating" => ResidenceType.Floating,
        "境外" or "境外人员" or "Overseas" => ResidenceType.Overseas,
        _ => null,
    };

    public static string Display(HouseRelation relation) => relation switch
    {
        HouseRelation.Owner => "户主/产权人",
        HouseRelation.FamilyMember => "家庭成员",
        HouseRelation.Tenant => "租户",
        HouseRelation.Other => "其他",
        _ => relation.ToString(),
    };

    public static HouseRelation? ParseRelation(string? text) => text?.Trim() switch
    {
        "户主" or "产权人" or "户主/产权人" or "Owner" => HouseRelation.Owner,
        "家庭成员" or "FamilyMember" => HouseRelation.FamilyMember,
        "租户" or "Tenant" => HouseRelation.Tenant,
        "其他" or "Other" => HouseRelation.Other,
        _ => null,
    };

    /// <summary>"低保户，独居老人；重点关注" → the tags (comma, Chinese comma, semicolon or space separated).</summary>
    public static IReadOnlyList<string> SplitTags(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', '，', ';', '；', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
