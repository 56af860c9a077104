using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Territory.Seed;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Attribution.Domain;
using Jiexin.Modules.Attribution.Seed;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.Seed;

/// <summary>The taxonomy and the demo routing rules seeded at start, and the attributor intake will call.</summary>
public abstract class AttributionSeedTests(JiexinApp app)
{
    [Fact]
    public async Task Start_SeedsTheShippedTaxonomy_Once()
    {
        var ct = TestContext.Current.CancellationToken;
        var expected = SeedTaxonomy.Groups.Count + SeedTaxonomy.Groups.Sum(g => g.Subcategories.Count);

        var (before, after, streetLight) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var before = await db.Set<AttributionCategory>().CountAsync(ct);
            await sp.GetServices<IStartupTask>().OfType<TaxonomySeeder>().Single().RunAsync(ct);
            var after = await db.Set<AttributionCategory>().CountAsync(ct);
            var streetLight = await db.Set<AttributionCategory>().AsNoTracking().SingleAsync(c => c.Code == "0201", ct);
            return (before, after, streetLight);
        });

        Assert.Equal(expected, before);
        Assert.Equal(expected, after);
        Assert.Equal("路灯不亮", streetLight.Name);
        Assert.Equal("城管", streetLight.DefaultDepartmentShortName);
        Assert.Equal(FirstLevelLabels.UrbanRural, streetLight.Label);
        Assert.Contains("路灯坏了", PhraseList.Parse(streetLight.Phrases));
        Assert.True(streetLight.Enabled);
    }

    [Fact]
    public async Task Start_SeedsDemoRules_SendingPropertyMattersToEachCommunitysCompany()
    {
        var ct = TestContext.Current.CancellationToken;
        var (rules, territory) = await app.WithScopeAsync(async sp =>
            (await sp.GetRequiredService<JiexinDbContext>().Set<RoutingRule>().AsNoTracking().Where(r => r.Note!.Contains("演示数据")).ToListAsync(ct),
             sp.GetRequiredService<ITerritoryLookup>()));

        Assert.Equal(9, rules.Count);
        var jinghu = territory.Communities.Single(c => c.Name == "景湖社区");
        var company = territory.FindDepartmentByShortName("景湖物业")!;
        Assert.Equal(["0501", "0502", "0503"], rules.Where(r => r.CommunityId == jinghu.Id).Select(r => r.CategoryCode).Order());
        Assert.All(rules.Where(r => r.CommunityId == jinghu.Id), r => Assert.Equal(company.Id, r.DepartmentId));
    }

    [Fact]
    public async Task Attributor_GivenAGridId_RoutesByItsCommunity()
    {
        using var client = await app.ClientAsAsync("commander");
        var grid = (await DemoGrid.AllAsync(client)).First(g => g.CommunityName == "东方社区");

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventAttributor>()
            .AttributeAsync(new AttributionRequest("电梯坏了，被困电梯半小时", GridId: grid.Id), TestContext.Current.CancellationToken));

        Assert.Equal("0501", result.Top.Code);
        Assert.Equal(new AttributionPlace(grid.Id, grid.Name, grid.CommunityId, "东方社区"), result.Place);
        Assert.Equal("东方物业", result.Department?.ShortName);
        Assert.Equal(RoutingSource.CommunityRule, result.RoutingSource);
    }

    [Theory]
    [InlineData("电梯坏了，被困电梯半小时", 0.6)]
    [InlineData("电梯年检过期了还在运行，存在安全隐患", 0.6)]
    [InlineData("我们小区3号楼电梯经常停运，维保单位一直不来维修，老人上下楼很困难", 0.4)] // several matters: close to the line
    public async Task A_lift_fault_is_attributed_with_confidence_not_sent_to_triage(string text, double atLeast)
    {
        // Lifts are special equipment (市场监管), filed under 商贸旅游 in the official tree the model learned from; a
        // 小类 under another first-level label would get the model's doubt and go to triage.
        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventAttributor>()
            .AttributeAsync(new AttributionRequest(text), TestContext.Current.CancellationToken));

        Assert.Equal("0501", result.Top.Code);
        Assert.True(result.Top.Probability >= atLeast, $"0501 at {result.Top.Probability:0.00}");
        Assert.Equal(result.Top.Probability >= result.Threshold, result.IsConfident);
    }
}

public sealed class AttributionSeedTests_Sqlite(SqliteApp app) : AttributionSeedTests(app), IClassFixture<SqliteApp>;

public sealed class AttributionSeedTests_Postgres(PostgresApp app) : AttributionSeedTests(app), IClassFixture<PostgresApp>;

/// <summary>An install without demo data still gets the taxonomy (every install needs one), but no demo rules.</summary>
public abstract class EmptyInstallAttributionTests(JiexinApp app)
{
    [Fact]
    public async Task WithoutDemo_TheTaxonomyIsSeeded_ButNoRoutingRule()
    {
        var ct = TestContext.Current.CancellationToken;
        var (categories, rules) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (await db.Set<AttributionCategory>().CountAsync(ct), await db.Set<RoutingRule>().CountAsync(ct));
        });

        Assert.True(categories > 60);
        Assert.Equal(0, rules);

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<IEventAttributor>().AttributeAsync(new AttributionRequest("路灯坏了"), ct));
        Assert.Equal("0201", result.Top.Code);
        Assert.Null(result.Department); // no departments in an empty install
        Assert.Equal(RoutingSource.None, result.RoutingSource);
    }
}

public sealed class EmptyInstallAttributionTests_Sqlite(EmptySqliteApp app) : EmptyInstallAttributionTests(app), IClassFixture<EmptySqliteApp>;

public sealed class EmptyInstallAttributionTests_Postgres(EmptyPostgresApp app) : EmptyInstallAttributionTests(app), IClassFixture<EmptyPostgresApp>;
