using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Locate;
using Jiexin.Modules.Territory.Seed;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Territory.Seed;

public abstract class DemoTerritorySeederTests(JiexinApp app)
{
    [Fact]
    public async Task FirstStart_SeedsTheDemoStreet_ItsCommunitiesAndGrids()
    {
        var ct = TestContext.Current.CancellationToken;
        var (street, communities, grids) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (
                await db.Set<Street>().AsNoTracking().SingleAsync(ct),
                await db.Set<Community>().AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct),
                await db.Set<Grid>().AsNoTracking().ToListAsync(ct));
        });

        Assert.Equal("新庄街道", street.Name);
        Assert.True(street.IsDemo);
        Assert.StartsWith("320282", street.Code);
        Assert.InRange(communities.Count, 8, 10);
        Assert.Equal("新塍社区", communities[0].Name);
        Assert.Contains(communities, c => c.Kind == CommunityKind.Community);
        Assert.Contains(communities, c => c.Kind == CommunityKind.Village);
        Assert.All(communities, c => Assert.StartsWith(street.Code, c.Code));

        // The stored polygons are exactly the generator's: the same demo on every start.
        var layout = DemoTerritoryGeometry.Generate();
        Assert.Equal(layout.Cells.Count, grids.Count);
        for (var i = 0; i < communities.Count; i++)
        {
            var prefix = DemoTerritoryCatalog.Communities[i].GridCodePrefix;
            var expected = layout.Cells.Where(c => c.Community == i).ToList();
            var stored = grids.Where(g => g.CommunityId == communities[i].Id).OrderBy(g => g.Code).ToList();
            Assert.Equal(expected.Select(c => $"{prefix}-{c.Number:00}"), stored.Select(g => g.Code));
            Assert.Equal(expected.Select(c => $"第{c.Number}网格"), stored.Select(g => g.Name));
            for (var j = 0; j < expected.Count; j++)
            {
                Assert.True(expected[j].Boundary.EqualsExact(GridBoundary.Parse(stored[j].BoundaryGeoJson)), $"{stored[j].Code} differs from the generator");
            }
        }
    }

    [Fact]
    public async Task FirstStart_SeedsDepartmentsOfEveryKind_AndTheDemoAccountsAreBoundToThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (departments, firstCommunity, firstGrid, users) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var community = await db.Set<Community>().AsNoTracking().OrderBy(c => c.SortOrder).FirstAsync(ct);
            return (
                await db.Set<Department>().AsNoTracking().ToListAsync(ct),
                community,
                await db.Set<Grid>().AsNoTracking().Where(g => g.CommunityId == community.Id).OrderBy(g => g.Code).FirstAsync(ct),
                await db.Set<JiexinUser>().AsNoTracking().ToDictionaryAsync(u => u.UserName!, ct));
        });

        Assert.All(Enum.GetValues<DepartmentKind>(), kind => Assert.Contains(departments, d => d.Kind == kind));
        foreach (var shortName in new[] { "城管", "住建", "生态环境", "市场监管", "派出所", "司法所", "卫健", "教育", "交通", "水务", "供电", "燃气", "自来水", "诉调", "警调", "专调", "访调", "劳调" })
        {
            Assert.Single(departments, d => d.ShortName == shortName);
        }

        Assert.Equal(3, departments.Count(d => d.Kind == DepartmentKind.PropertyCompany));
        Assert.Equal(5, departments.Count(d => d.Kind == DepartmentKind.MediationChannel));

        // The accounts seeder (Order 200) found what it binds to.
        Assert.Equal(firstCommunity.Id, users["community01"].OrgUnitId);
        Assert.Equal("XC-01", firstGrid.Code);
        Assert.Equal(firstGrid.Id, users["grid01"].OrgUnitId);
        Assert.Equal(departments.Single(d => d.ShortName == "城管").Id, users["dept-cg"].OrgUnitId);
        Assert.Equal(departments.Single(d => d.ShortName == "司法所").Id, users["mediator01"].OrgUnitId);
    }

    [Fact]
    public async Task Seeder_RunAgain_AddsNothing()
    {
        var ct = TestContext.Current.CancellationToken;

        var counts = await app.WithScopeAsync(async sp =>
        {
            var seeder = sp.GetServices<IStartupTask>().OfType<DemoTerritorySeeder>().Single();
            Assert.Equal(100, seeder.Order);
            var db = sp.GetRequiredService<JiexinDbContext>();
            var before = (await db.Set<Community>().CountAsync(ct), await db.Set<Grid>().CountAsync(ct), await db.Set<Department>().CountAsync(ct));
            await seeder.RunAsync(ct);
            var after = (await db.Set<Community>().CountAsync(ct), await db.Set<Grid>().CountAsync(ct), await db.Set<Department>().CountAsync(ct));
            return (before, after, streets: await db.Set<Street>().CountAsync(ct));
        });

        Assert.Equal(counts.before, counts.after);
        Assert.Equal(1, counts.streets);
    }
}

public sealed class DemoTerritorySeederTests_Sqlite(SqliteApp app) : DemoTerritorySeederTests(app), IClassFixture<SqliteApp>;

public sealed class DemoTerritorySeederTests_Postgres(PostgresApp app) : DemoTerritorySeederTests(app), IClassFixture<PostgresApp>;
