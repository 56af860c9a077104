using System.Net;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Territory.Seed;

/// <summary>Jiexin:SeedDemo=false: an empty install (one admin, no territory), and the territory API on it.</summary>
public abstract class EmptyInstallTests(JiexinApp app)
{
    [Fact]
    public async Task WithoutDemo_NoTerritoryIsSeeded_AndTheApiAnswersForAnEmptyTerritory()
    {
        var ct = TestContext.Current.CancellationToken;
        var counts = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (Streets: await db.Set<Street>().CountAsync(ct), Grids: await db.Set<Grid>().CountAsync(ct), Departments: await db.Set<Department>().CountAsync(ct));
        });
        Assert.Equal((0, 0, 0), counts);

        using var client = await app.ClientAsAsync("admin");
        using var grids = JsonDocument.Parse(await client.GetStringAsync("/api/v1/territory/grids", ct));
        Assert.Equal("FeatureCollection", grids.RootElement.GetProperty("type").GetString());
        Assert.Empty(grids.RootElement.GetProperty("features").EnumerateArray());

        var locate = await client.GetAsync("/api/v1/territory/locate?lat=31.43&lng=119.80", ct);
        Assert.Equal(HttpStatusCode.NotFound, locate.StatusCode);
        Assert.Equal("application/problem+json", locate.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class EmptySqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemo"] = "false" };
}

public sealed class EmptyPostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jiexin:SeedDemo"] = "false" };
}

public sealed class EmptyInstallTests_Sqlite(EmptySqliteApp app) : EmptyInstallTests(app), IClassFixture<EmptySqliteApp>;

public sealed class EmptyInstallTests_Postgres(EmptyPostgresApp app) : EmptyInstallTests(app), IClassFixture<EmptyPostgresApp>;
