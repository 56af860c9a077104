using Jiexin.Data;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Attribution.Seed;

/// <summary>
/// On a start with no categories at all: the shipped <see cref="SeedTaxonomy"/>. Not demo data — every install
/// needs a taxonomy — so it runs whatever <c>Jiexin:SeedDemo</c> says. After the territory (100), before the
/// directory loads (150).
/// </summary>
internal sealed class TaxonomySeeder(JiexinDbContext db, ILogger<TaxonomySeeder> logger) : IStartupTask
{
    public int Order => 120;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Set<AttributionCategory>().AnyAsync(ct))
        {
            return;
        }

        var entities = ToEntities(SeedTaxonomy.Groups);
        db.AddRange(entities);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded the category taxonomy: {Groups} categories, {Subcategories} subcategories",
            SeedTaxonomy.Groups.Count, entities.Count(e => e.ParentId is not null));
    }

    /// <summary>The seed as rows; the 大类's department is written on each 小类 that does not name its own.</summary>
    internal static List<AttributionCategory> ToEntities(IReadOnlyList<SeedTaxonomy.Group> groups)
    {
        var entities = new List<AttributionCategory>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var parent = new AttributionCategory
            {
                Id = Guid.CreateVersion7(),
                Code = group.Code,
                Name = group.Name,
                EnglishName = group.EnglishName,
                Icon = group.Icon,
                DefaultDepartmentShortName = group.Department,
                SortOrder = (g + 1) * 10,
            };
            entities.Add(parent);
            for (var s = 0; s < group.Subcategories.Count; s++)
            {
                var sub = group.Subcategories[s];
                entities.Add(new AttributionCategory
                {
                    Id = Guid.CreateVersion7(),
                    ParentId = parent.Id,
                    Code = sub.Code,
                    Name = sub.Name,
                    EnglishName = sub.EnglishName,
                    Phrases = PhraseList.Format(PhraseList.Parse(sub.Phrases)),
                    Label = sub.Label,
                    DefaultDepartmentShortName = sub.Department ?? group.Department,
                    SortOrder = (s + 1) * 10,
                });
            }
        }

        return entities;
    }
}
