using System.Text.RegularExpressions;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Seed;
using Jiexin.Modules.Territory.Seed;

namespace Jiexin.UnitTests.Modules.Attribution.Seed;

/// <summary>The shipped taxonomy is well formed and fits the columns, the labels and the demo departments.</summary>
public sealed partial class SeedTaxonomyTests
{
    private static readonly IReadOnlyList<SeedTaxonomy.Subcategory> Subcategories = [.. SeedTaxonomy.Groups.SelectMany(g => g.Subcategories)];

    [Fact]
    public void Taxonomy_HasAboutTwelveCategories_AndSixtyToAHundredSubcategories()
    {
        Assert.InRange(SeedTaxonomy.Groups.Count, 12, 16);
        Assert.InRange(Subcategories.Count, 60, 100);
        Assert.Contains(Subcategories, s => s.Code == SeedTaxonomy.FallbackCode && s.Name == "其他");
    }

    [Fact]
    public void Codes_AreUnique_TwoDigitsForACategory_ItsCodePlusTwoForASubcategory()
    {
        var codes = SeedTaxonomy.Groups.Select(g => g.Code).Concat(Subcategories.Select(s => s.Code)).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(SeedTaxonomy.Groups, g =>
        {
            Assert.Matches(TwoDigits(), g.Code);
            Assert.All(g.Subcategories, s => Assert.Matches($"^{g.Code}[0-9]{{2}}$", s.Code));
        });
    }

    [Fact]
    public void EverySubcategory_MapsToOneOfTheSevenFirstLevelLabels()
    {
        Assert.All(Subcategories, s => Assert.Contains(s.Label, FirstLevelLabels.All));
        // Each first-level label is reachable, or the classifier could never predict it.
        Assert.All(FirstLevelLabels.All, label => Assert.Contains(Subcategories, s => s.Label == label));
    }

    [Fact]
    public void EveryDefaultDepartment_IsADemoDepartmentShortName()
    {
        var shortNames = DemoTerritoryCatalog.Departments.Select(d => d.ShortName).ToHashSet();
        var departments = SeedTaxonomy.Groups.SelectMany(g => g.Subcategories.Select(s => s.Department ?? g.Department)).OfType<string>();

        Assert.All(departments, d => Assert.Contains(d, shortNames));
        Assert.All(Subcategories.Where(s => s.Code != SeedTaxonomy.FallbackCode), s =>
            Assert.False(s.Department is null && SeedTaxonomy.Groups.Single(g => g.Subcategories.Contains(s)).Department is null, s.Code));
    }

    [Fact]
    public void EverySubcategory_ButOther_HasSeveralDistinctPhrases_ThatFitTheColumn()
    {
        Assert.All(Subcategories.Where(s => s.Code != SeedTaxonomy.FallbackCode), s =>
        {
            var phrases = s.Phrases.Split('、');
            Assert.True(phrases.Length >= 5, $"{s.Code} {s.Name} has {phrases.Length} phrases");
            Assert.Equal(phrases.Length, phrases.Distinct().Count());
            Assert.All(phrases, p => Assert.False(string.IsNullOrWhiteSpace(p) || p != p.Trim(), $"{s.Code}: '{p}'"));
            Assert.True(s.Phrases.Length <= 4000);
        });
    }

    [Fact]
    public void Names_FitTheirColumns()
    {
        Assert.All(SeedTaxonomy.Groups, g => Assert.True(g.Name.Length <= 32 && g.EnglishName.Length <= 64 && g.Icon.Length <= 16, g.Code));
        Assert.All(Subcategories, s => Assert.True(s.Name.Length <= 32 && s.EnglishName.Length <= 64, s.Code));
    }

    [Fact]
    public void ToEntities_WritesTheCategoryDepartmentOnSubcategoriesThatNameNone()
    {
        var entities = TaxonomySeeder.ToEntities(SeedTaxonomy.Groups);

        var streetLight = entities.Single(e => e.Code == "0201");
        var parent = entities.Single(e => e.Id == streetLight.ParentId);
        Assert.Equal("02", parent.Code);
        Assert.Equal("城管", streetLight.DefaultDepartmentShortName);
        Assert.Equal("水务", entities.Single(e => e.Code == "0204").DefaultDepartmentShortName);
        Assert.Contains("路灯不亮", PhraseList.Parse(streetLight.Phrases));
        Assert.All(entities.Where(e => e.ParentId is null), e => Assert.Equal("", e.Label));
    }

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex TwoDigits();
}
