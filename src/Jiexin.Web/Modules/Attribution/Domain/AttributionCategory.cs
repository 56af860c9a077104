using Jiexin.Data;

namespace Jiexin.Modules.Attribution.Domain;

/// <summary>
/// One node of the project's category taxonomy: a 大类 (no parent) or a 小类 (parent = its 大类). A 小类 carries the
/// phrases residents use for it, the first-level label of the labelled data it maps to, and its default department.
/// </summary>
public sealed class AttributionCategory : IHasVersion
{
    public Guid Id { get; set; }

    /// <summary>The 大类 of a 小类; null for a 大类.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Stable code: two digits for a 大类 ("02"), four for a 小类 ("0201"). Routing rules and events refer to it.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string EnglishName { get; set; } = "";

    /// <summary>A small picture for residents choosing a category (an emoji: no asset to load on a cheap phone).</summary>
    public string Icon { get; set; } = "";

    /// <summary>Words and phrases as residents write them, separated by 、 (see <see cref="Phrases"/>).</summary>
    public string Phrases { get; set; } = "";

    /// <summary>One of <see cref="FirstLevelLabels.All"/> for a 小类; empty for a 大类.</summary>
    public string Label { get; set; } = "";

    /// <summary>ShortName of the department that handles it unless a routing rule says otherwise (e.g. 城管).</summary>
    public string? DefaultDepartmentShortName { get; set; }

    public int SortOrder { get; set; }

    public bool Enabled { get; set; } = true;

    public int Version { get; set; }

    public bool IsSubcategory => ParentId is not null;
}

/// <summary>Phrase lists as stored: one text column, phrases separated by 、 (commas, | and new lines also accepted).</summary>
public static class PhraseList
{
    public const char Separator = '、';

    private static readonly char[] Separators = ['、', ',', '，', '|', '\n', '\r', ';', '；'];

    public static IReadOnlyList<string> Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    public static string Format(IEnumerable<string> phrases) => string.Join(Separator, phrases);
}

/// <summary>The seven first-level categories of the labelled messages; every 小类 maps to exactly one.</summary>
public static class FirstLevelLabels
{
    public const string UrbanRural = "城乡建设";
    public const string LabourSocialSecurity = "劳动和社会保障";
    public const string EducationCultureSports = "教育文体";
    public const string CommerceTourism = "商贸旅游";
    public const string Environment = "环境保护";
    public const string HealthFamilyPlanning = "卫生计生";
    public const string Transport = "交通运输";

    public static readonly IReadOnlyList<string> All =
        [UrbanRural, LabourSocialSecurity, EducationCultureSports, CommerceTourism, Environment, HealthFamilyPlanning, Transport];
}
