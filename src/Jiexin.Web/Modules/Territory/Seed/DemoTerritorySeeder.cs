using Jiexin.Data;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Locate;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.Seed;

/// <summary>
/// On first start with <c>Jiexin:SeedDemo</c> on (the default) and no street yet: the demo 新庄街道 with its
/// communities and villages, about 40 grid polygons tiling it, and the departments. Runs before the directory
/// loads (150) and before the accounts bind to the first community, its first grid, 城管 and 司法所 (200).
/// </summary>
internal sealed class DemoTerritorySeeder(JiexinDbContext db, IConfiguration configuration, ILogger<DemoTerritorySeeder> logger) : IStartupTask
{
    public int Order => 100;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Jiexin:SeedDemo", true) || await db.Set<Street>().AnyAsync(ct))
        {
            return;
        }

        var street = new Street { Id = Guid.NewGuid(), Name = DemoTerritoryCatalog.StreetName, Code = DemoTerritoryCatalog.StreetCode, IsDemo = true };
        db.Add(street);

        var layout = DemoTerritoryGeometry.Generate();
        var communities = DemoTerritoryCatalog.Communities;
        for (var c = 0; c < communities.Count; c++)
        {
            var seed = communities[c];
            var community = new Community
            {
                Id = Guid.NewGuid(),
                StreetId = street.Id,
                Name = seed.Name,
                Code = seed.Code,
                Kind = seed.Kind,
                SortOrder = c + 1,
            };
            db.Add(community);
            foreach (var cell in layout.Cells.Where(x => x.Community == c))
            {
                db.Add(new Grid
                {
                    Id = Guid.NewGuid(),
                    CommunityId = community.Id,
                    Name = $"第{cell.Number}网格",
                    Code = $"{seed.GridCodePrefix}-{cell.Number:00}",
                    BoundaryGeoJson = GridBoundary.ToGeoJson(cell.Boundary),
                });
            }
        }

        var departments = DemoTerritoryCatalog.Departments;
        for (var d = 0; d < departments.Count; d++)
        {
            var seed = departments[d];
            db.Add(new Department { Id = Guid.NewGuid(), StreetId = street.Id, Name = seed.Name, ShortName = seed.ShortName, Kind = seed.Kind, SortOrder = d + 1 });
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Seeded the demo territory: {Street}, {Communities} communities, {Grids} grids, {Departments} departments",
            street.Name, communities.Count, layout.Cells.Count, departments.Count);
    }
}
