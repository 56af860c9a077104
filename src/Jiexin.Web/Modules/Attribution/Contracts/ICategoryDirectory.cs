namespace Jiexin.Modules.Attribution.Contracts;

/// <summary>
/// The category taxonomy (大类 → 小类) as other modules see it: names for lists, the choices offered to residents,
/// Open311 services. Served from memory; follows every change of the taxonomy.
/// </summary>
public interface ICategoryDirectory
{
    /// <summary>Enabled 大类 in display order, each with its enabled 小类.</summary>
    IReadOnlyList<CategoryGroup> Groups { get; }

    /// <summary>An enabled 小类 by its code, or null.</summary>
    CategoryInfo? Find(string code);

    /// <summary>The 小类 used when nothing is recognised (其他).</summary>
    string FallbackCode { get; }
}

/// <summary>A 大类 with its 小类.</summary>
public sealed record CategoryGroup(string Code, string Name, string EnglishName, string Icon, IReadOnlyList<CategoryInfo> Subcategories);

/// <summary>A 小类: its code and names, the first-level label it maps to, its default department's short name.</summary>
public sealed record CategoryInfo(
    string Code,
    string CategoryName,
    string SubcategoryName,
    string EnglishName,
    string Label,
    string? DefaultDepartmentShortName);
