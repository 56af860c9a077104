using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Jobs;

/// <summary>
/// The job lease (ADR 0031): one holder at a time per job, taken back after release or expiry, and of many instances
/// racing for a job that has never run, exactly one wins the first insert.
/// </summary>
public abstract class JobLeaseTests(JiexinApp app)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<bool> AcquireAsync(string job, string holder, DateTime now) =>
        app.WithScopeAsync(sp => JobLeases.TryAcquireAsync(sp.GetRequiredService<JiexinDbContext>(), job, holder, now, Lease, Ct));

    private Task ReleaseAsync(string job, string holder, DateTime now, int handled) =>
        app.WithScopeAsync(async sp =>
        {
            await JobLeases.ReleaseAsync(sp.GetRequiredService<JiexinDbContext>(), job, holder, now, handled, Ct);
            return 0;
        });

    [Fact]
    public async Task One_holder_at_a_time_until_release_or_expiry()
    {
        app.RequireAvailable();
        var job = "test-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);

        Assert.True(await AcquireAsync(job, "node-a/1", t0));
        Assert.False(await AcquireAsync(job, "node-b/2", t0.AddSeconds(5)));
        Assert.True(await AcquireAsync(job, "node-a/1", t0.AddSeconds(6))); // the holder's next tick keeps it

        await ReleaseAsync(job, "node-a/1", t0.AddSeconds(10), handled: 3);
        Assert.True(await AcquireAsync(job, "node-b/2", t0.AddSeconds(11)));
        Assert.False(await AcquireAsync(job, "node-a/1", t0.AddSeconds(12)));

        // node-b is killed holding it: the lease frees once it expires, not before.
        Assert.False(await AcquireAsync(job, "node-a/1", t0.AddSeconds(11) + Lease - TimeSpan.FromSeconds(1)));
        Assert.True(await AcquireAsync(job, "node-a/1", t0.AddSeconds(11) + Lease + TimeSpan.FromSeconds(1)));

        // A release by someone who no longer holds it changes nothing.
        await ReleaseAsync(job, "node-b/2", t0.AddMinutes(5), handled: 9);
        var row = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<JobLease>().AsNoTracking().SingleAsync(l => l.Name == job, Ct));
        Assert.Equal("node-a/1", row.Holder);
        Assert.Equal(3, row.LastHandled);
        Assert.Equal(t0.AddSeconds(10), row.LastFinishedAt);
    }

    [Fact]
    public async Task Of_instances_racing_for_a_new_job_exactly_one_wins()
    {
        app.RequireAvailable();
        var job = "race-" + Guid.NewGuid().ToString("N")[..8];
        var now = new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc);
        using var start = new SemaphoreSlim(0, 6);
        var racers = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            return await AcquireAsync(job, $"node-{i}/x", now);
        }, Ct)).ToList();
        start.Release(6);
        var won = await Task.WhenAll(racers);
        Assert.Equal(1, won.Count(w => w));
    }

    [Fact]
    public async Task The_runner_records_each_jobs_last_run_on_its_lease()
    {
        app.RequireAvailable();
        var before = DateTime.UtcNow.AddSeconds(-1);
        await app.Services.GetRequiredService<JobRunner>().RunAllOnceAsync(Ct);
        var leases = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<JobLease>().AsNoTracking().ToListAsync(Ct));
        var registered = app.Services.GetServices<RecurringJobRegistration>().Count();
        var ran = leases.Where(l => !l.Name.StartsWith("test-", StringComparison.Ordinal) && !l.Name.StartsWith("race-", StringComparison.Ordinal)).ToList();
        Assert.Equal(registered, ran.Count);
        Assert.All(ran, l =>
        {
            Assert.True(l.LastFinishedAt >= before, $"{l.Name} did not record its run");
            Assert.True(l.LastHandled >= 0, $"{l.Name} failed");
            Assert.True(l.LeasedUntil <= DateTime.UtcNow.AddSeconds(1), $"{l.Name} still holds its lease after the run");
        });
    }
}

public sealed class JobLeaseTests_Sqlite(SqliteApp app) : JobLeaseTests(app), IClassFixture<SqliteApp>;

public sealed class JobLeaseTests_Postgres(PostgresApp app) : JobLeaseTests(app), IClassFixture<PostgresApp>;
