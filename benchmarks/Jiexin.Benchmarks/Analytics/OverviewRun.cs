using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Demo;
using Jiexin.Modules.Analytics.Overview;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Calendar;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jiexin.Benchmarks.Analytics;

/// <summary>
/// Not BenchmarkDotNet (generating the data is the long part): into a fresh database, generates N events over seven
/// years (<c>demo generate</c>'s generator and figure rebuild), then times the overview (its handler, all its queries)
/// over R runs — p50/p95 — and five typical figures written naively over the raw events table, and prints the ratio.
/// <c>dotnet run -c Release --project benchmarks/Jiexin.Benchmarks -- analytics-overview [events] [runs] [postgres connection string]</c>.
/// With <c>JIEXIN_BENCH_KEEP=name</c> the database (PostgreSQL <c>jiexin_bench_name</c>, or SQLite in
/// <c>$TMPDIR/jiexin-bench-analytics/name</c>) is kept, and a later run with the same name that finds events in it skips
/// generating: at ten million events generating takes most of an hour, timing a minute.
/// </summary>
public static class OverviewRun
{
    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        var events = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var postgres = args.Length > 2 ? args[2] : null;
        var keep = Environment.GetEnvironmentVariable("JIEXIN_BENCH_KEEP") is { Length: > 0 } k ? k : null;
        var name = keep ?? Guid.NewGuid().ToString("N")[..12];
        var dataDir = Path.Combine(Path.GetTempPath(), "jiexin-bench-analytics", name);
        var database = "jiexin_bench_" + name;
        if (postgres is not null)
        {
            await using var admin = new NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", admin);
            exists.Parameters.AddWithValue("n", database);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }

        var contentRoot = FindContentRoot();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_JIEXIN_WEB", contentRoot);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(contentRoot);
            b.UseEnvironment("Production");
            b.UseSetting("Jiexin:SeedDemo", "true");
            b.UseSetting("Jiexin:SeedDemoEvents", "false");
            b.UseSetting("Jiexin:DemoPassword", "Jiexin-Bench-2026");
            b.UseSetting("Jiexin:Jobs:Enabled", "false");
            b.UseSetting("Jiexin:Outbox:Enabled", "false");
            b.UseSetting("Jiexin:DataDir", dataDir);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            if (postgres is not null)
            {
                b.UseSetting("Jiexin:Database", "Postgres");
                b.UseSetting("ConnectionStrings:Jiexin", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ToString());
            }
            else
            {
                b.UseSetting("Jiexin:Database", "Sqlite");
            }
        });

        try
        {
            _ = app.Server; // migrate and seed
            var provider = postgres is null ? "SQLite" : "PostgreSQL";
            long existing;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                existing = await scope.ServiceProvider.GetRequiredService<JiexinDbContext>().Set<Event>().LongCountAsync();
            }

            if (keep is not null && existing >= events)
            {
                Console.WriteLine($"{provider}: reusing {database} with {existing:N0} events (JIEXIN_BENCH_KEEP={keep})");
            }
            else
            {
                Console.WriteLine($"{provider}: generating {events:N0} events …");
                var (rows, insertSeconds) = await DemoCommands.GenerateAsync(app.Services, events, 7, 1, null, CancellationToken.None);
                Console.WriteLine($"  inserted {rows:N0} in {insertSeconds:N1} s = {rows / insertSeconds:N0} rows/s");
                var (_, buckets, rebuildSeconds) = await DemoCommands.RebuildAsync(app.Services, CancellationToken.None);
                Console.WriteLine($"  figures rebuilt: {buckets:N0} buckets in {rebuildSeconds:N1} s");
            }

            if (postgres is not null)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<JiexinDbContext>().Database.ExecuteSqlRawAsync("VACUUM ANALYZE events_events");
            }
            else
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<JiexinDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
            }

            var commander = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
            var overview = new List<double>();
            GetOverview.Overview? last = null;
            for (var i = 0; i < runs + 3; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<GetOverview.Handler>();
                var clock = Stopwatch.StartNew();
                last = await handler.Handle(commander, 30, CancellationToken.None);
                if (i >= 3)
                {
                    overview.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var naive = new List<double>();
            long[] naiveFigures = [];
            for (var i = 0; i < 3; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var clock = Stopwatch.StartNew();
                naiveFigures = await NaiveAsync(scope.ServiceProvider.GetRequiredService<JiexinDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
                naive.Add(clock.Elapsed.TotalMilliseconds);
            }

            overview.Sort();
            naive.Sort();
            double P(List<double> xs, double q) => xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)];
            Console.WriteLine($"  overview ({runs} runs): p50 {P(overview, 0.5):N1} ms, p95 {P(overview, 0.95):N1} ms, max {overview[^1]:N1} ms");
            Console.WriteLine($"  naive five figures over the raw table (3 runs): p50 {P(naive, 0.5):N0} ms");
            Console.WriteLine($"  ratio overview p95 / naive p50 = {P(overview, 0.95) / P(naive, 0.5):N4}");
            Console.WriteLine($"  check: intake365 {last!.Intake.Days365:N0} vs naive {naiveFigures[0]:N0}; open {last.Open.Now:N0} vs {naiveFigures[1]:N0}; "
                + $"overdue {last.Overdue.Now:N0} vs {naiveFigures[2]:N0}; closed30 {last.Closed.Days30:N0} vs {naiveFigures[3]:N0}; "
                + $"tiers {last.ResolutionTiers.Grid:N0}/{last.ResolutionTiers.Community:N0}/{last.ResolutionTiers.Street:N0}/{last.ResolutionTiers.AboveStreet:N0} vs {naiveFigures[4]:N0}/{naiveFigures[5]:N0}/{naiveFigures[6]:N0}/{naiveFigures[7]:N0}");
        }
        finally
        {
            if (postgres is null && keep is null)
            {
                try
                {
                    Directory.Delete(dataDir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>Five typical overview figures straight from the events table: what the aggregates save.</summary>
    private static async Task<long[]> NaiveAsync(JiexinDbContext db, TimeProvider time)
    {
        var today = ChinaTime.Today(time);
        var from365 = ChinaTime.ToUtc(today.AddDays(-364).ToDateTime(TimeOnly.MinValue));
        var from30 = ChinaTime.ToUtc(today.AddDays(-29).ToDateTime(TimeOnly.MinValue));
        EventStatus[] finished = [EventStatus.Closed, EventStatus.Merged, EventStatus.Rejected];
        var events = db.Set<Event>().AsNoTracking();
        var intake = await events.LongCountAsync(e => e.CreatedAt >= from365);
        var open = await events.LongCountAsync(e => !finished.Contains(e.Status));
        var overdue = await events.LongCountAsync(e => !finished.Contains(e.Status) && e.Warning == DeadlineWarning.Overdue);
        var closed = await events.LongCountAsync(e => e.Status == EventStatus.Closed && e.ClosedAt >= from30);
        var tiers = await events.Where(e => e.Status == EventStatus.Closed && e.ClosedAt >= from365)
            .GroupBy(e => e.ResolvedTier).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync();
        long Tier(ResolutionTier t) => tiers.Where(x => x.Key == t).Sum(x => x.Count);
        return [intake, open, overdue, closed, Tier(ResolutionTier.Grid), Tier(ResolutionTier.Community), Tier(ResolutionTier.Street), Tier(ResolutionTier.AboveStreet)];
    }

    private static string FindContentRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Jiexin.Web", "Jiexin.Web.csproj")))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new InvalidOperationException("Run from inside the repository.") : Path.Combine(dir.FullName, "src", "Jiexin.Web");
    }
}
