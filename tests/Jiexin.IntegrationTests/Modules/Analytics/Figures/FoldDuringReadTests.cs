using System.Data.Common;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Analytics.MonthlyReport;
using Jiexin.Modules.Analytics.Figures;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Analytics.Figures;

/// <summary>
/// Every reader of the kept figures reads folded buckets and then the deltas not folded yet. Here the fold commits in
/// the worst moment — just before the reader's delta query — and the figures must still count every report once:
/// the overview (指挥中心 and wall screen), the grid map, and the monthly report. Read outside one snapshot, the buckets
/// come from before the fold and the deltas from after it, and the folded reports vanish from the figures.
/// </summary>
public abstract class FoldDuringReadTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ReportTestKit _kit = new(app);

    private FoldBeforeDeltaRead Fold => app.Services.GetRequiredService<FoldBeforeDeltaRead>();

    private async Task ReportThreeAsync()
    {
        var at = await _kit.PointInFirstGridAsync();
        using var grid = await app.ClientAsAsync("grid01");
        for (var i = 0; i < 3; i++)
        {
            await ReportTestKit.ReportEventAsync(grid, "楼道堆放杂物影响通行", at);
        }
    }

    /// <summary>Reads with the fold armed, and checks that the fold really ran in the middle of the read.</summary>
    private async Task<T> ReadWithFoldInsideAsync<T>(Func<Task<T>> read)
    {
        Fold.Arm();
        var result = await read();
        Assert.True(Fold.LastFolded > 0, "the fold ran between the reader's bucket and delta queries and folded the new reports");
        return result;
    }

    private async Task<JsonElement> OverviewAsync()
    {
        using var commander = await app.ClientAsAsync("commander");
        return await ReportTestKit.OkAsync(await commander.GetAsync("/api/v1/analytics/overview", Ct));
    }

    [Fact]
    public async Task The_overview_counts_reports_folded_between_its_queries()
    {
        var before = await OverviewAsync();
        await ReportThreeAsync();

        var after = await ReadWithFoldInsideAsync(OverviewAsync);

        foreach (var window in new[] { "today", "days7", "days365" })
        {
            Assert.Equal(3, after.GetProperty("intake").GetProperty(window).GetInt64() - before.GetProperty("intake").GetProperty(window).GetInt64());
            Assert.Equal(3, after.GetProperty("open").GetProperty(window).GetInt64() - before.GetProperty("open").GetProperty(window).GetInt64());
        }
    }

    [Fact]
    public async Task The_grid_map_counts_reports_folded_between_its_queries()
    {
        var gridId = await app.WithScopeAsync(sp =>
        {
            var territory = sp.GetRequiredService<ITerritoryLookup>();
            return Task.FromResult(territory.GridsOf(territory.Communities[0].Id)[0].Id);
        });
        async Task<long> OpenInGridAsync()
        {
            using var commander = await app.ClientAsAsync("commander");
            var map = await ReportTestKit.OkAsync(await commander.GetAsync("/api/v1/analytics/grid-map", Ct));
            return map.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == gridId).GetProperty("open").GetInt64();
        }

        var before = await OpenInGridAsync();
        await ReportThreeAsync();

        Assert.Equal(before + 3, await ReadWithFoldInsideAsync(OpenInGridAsync));
    }

    [Fact]
    public async Task The_monthly_report_counts_reports_folded_between_its_queries()
    {
        async Task<long> IntakeAsync() =>
            (await _kit.GetAsync("commander", ReportTestKit.CurrentMonth)).GetProperty("figures").GetProperty("intake").GetInt64();

        var before = await IntakeAsync();
        await ReportThreeAsync();

        Assert.Equal(before + 3, await ReadWithFoldInsideAsync(IntakeAsync));
    }
}

/// <summary>
/// Runs the figures fold (in its own scope, so its own connection and transaction) right before the next query that
/// reads the unfolded deltas, once per <see cref="Arm"/>.
/// </summary>
public sealed class FoldBeforeDeltaRead(IServiceProvider services) : DbCommandInterceptor
{
    private int _armed;

    public int LastFolded { get; private set; }

    public void Arm()
    {
        LastFolded = 0;
        Volatile.Write(ref _armed, 1);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Disarmed first: the fold's own reads of the deltas pass through here too.
        if (command.CommandText.Contains("analytics_event_deltas", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            await using var scope = services.CreateAsyncScope();
            LastFolded = await scope.ServiceProvider.GetRequiredService<FoldEventFiguresJob>().RunOnceAsync(cancellationToken);
        }

        return result;
    }

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<FoldBeforeDeltaRead>();
            s.ConfigureDbContext<JiexinDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<FoldBeforeDeltaRead>()), ServiceLifetime.Singleton);
        });
}

public sealed class FoldDuringReadSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FoldBeforeDeltaRead.AddTo(builder);
    }
}

public sealed class FoldDuringReadPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FoldBeforeDeltaRead.AddTo(builder);
    }
}

public sealed class FoldDuringReadTests_Sqlite(FoldDuringReadSqliteApp app) : FoldDuringReadTests(app), IClassFixture<FoldDuringReadSqliteApp>;

public sealed class FoldDuringReadTests_Postgres(FoldDuringReadPostgresApp app) : FoldDuringReadTests(app), IClassFixture<FoldDuringReadPostgresApp>;
