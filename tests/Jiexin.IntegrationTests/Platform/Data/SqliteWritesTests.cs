using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Data;

/// <summary>
/// The SQLite file runs in WAL mode, every connection carries the configured synchronous level, and writers
/// queue at the in-process write gate instead of sleeping in SQLite's busy handler.
/// </summary>
public sealed class SqliteWritesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Concurrent_transactions_all_commit_through_the_gate()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N")[..12];

        // 24 writers at once, each a multi-statement transaction (BEGIN IMMEDIATE ... COMMIT).
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS gate_probe (id TEXT PRIMARY KEY, n INTEGER)", ct);
            await db.Database.ExecuteSqlAsync($"INSERT INTO gate_probe (id, n) VALUES ({marker + "-" + i}, {i})", ct);
            await tx.CommitAsync(ct);
            return 0;
        })));

        var count = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM gate_probe WHERE id LIKE {marker + "-%"}").SingleAsync(ct));
        Assert.Equal(24, count);
        Assert.Equal(0, await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<SqliteWriteGate>().Waiting)));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_does_not_keep_the_gate()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var tx = await db.Database.BeginTransactionAsync(ct);
            await tx.DisposeAsync(); // neither commit nor rollback called
            return 0;
        });

        // Another writer gets in at once, not after the gate's 30 s safety timeout.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        });
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the next writer waited {started.Elapsed}");
    }

    [Fact]
    public async Task A_write_outside_a_transaction_queues_at_the_gate_not_in_sqlites_busy_handler()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<SqliteWriteGate>()));
        var marker = Guid.NewGuid().ToString("N")[..12];
        await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Database
            .ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS gate_probe (id TEXT PRIMARY KEY, n INTEGER)", ct));

        using var holderScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        var tx = await holder.Database.BeginTransactionAsync(ct);
        await holder.Database.ExecuteSqlAsync($"INSERT INTO gate_probe (id, n) VALUES ({marker + "-tx"}, 1)", ct);

        // An ExecuteUpdate-style statement with no transaction of its own (the outbox's claim and mark-done).
        var outside = app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Database
            .ExecuteSqlAsync($"UPDATE gate_probe SET n = n + 1 WHERE id = {marker + "-tx"}", ct));

        // It waits in the gate's queue (visible as Waiting), not inside SQLite sleeping on a busy lock.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (gate.Waiting == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, gate.Waiting);
        Assert.False(outside.IsCompleted);

        await tx.CommitAsync(ct);
        await tx.DisposeAsync();
        Assert.Equal(1, await outside.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal(0, gate.Waiting);

        // The gate was released after the write: the next transaction gets in at once.
        var next = System.Diagnostics.Stopwatch.StartNew();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            await using var again = await db.Database.BeginTransactionAsync(ct);
            await again.CommitAsync(ct);
            return 0;
        });
        Assert.True(next.Elapsed < TimeSpan.FromSeconds(10), $"the next writer waited {next.Elapsed}");
        var n = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Database
            .SqlQuery<int>($"SELECT n AS \"Value\" FROM gate_probe WHERE id = {marker + "-tx"}").SingleAsync(ct));
        Assert.Equal(2, n);
    }

    [Fact]
    public void Only_writes_outside_a_transaction_take_the_gate_per_command()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        using var command = connection.CreateCommand();
        foreach (var (sql, write) in new[]
        {
            ("SELECT 1", false), ("PRAGMA journal_mode;", false), ("WITH x AS (SELECT 1) SELECT * FROM x", false),
            ("  UPDATE t SET a = 1", true), ("INSERT INTO t VALUES (1)", true), ("delete from t", true),
            ("-- a tag\n-- another\nUPDATE t SET a = 1", true), ("-- a tag\nSELECT 1", false),
        })
        {
            command.CommandText = sql;
            Assert.True(SqliteWriteGate.IsWriteOutsideTransaction(command) == write, sql);
        }
    }

    [Fact]
    public async Task A_long_list_in_a_query_goes_as_one_json_parameter()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var known = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => u.Id).Take(3).ToListAsync(ct);
            var ids = known.Concat(Enumerable.Range(0, 5000).Select(_ => Guid.NewGuid())).ToList();

            var query = db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id);
            var sql = query.ToQueryString();
            var found = await query.ToListAsync(ct);

            // One parameter read by json_each, not 5,003 named ones (SQLite looks each name up by a linear scan).
            Assert.Contains("json_each", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("@ids2", sql, StringComparison.Ordinal);
            Assert.Equal(known.Order(), found.Order());
            return 0;
        });
    }

    [Fact]
    public async Task Default_is_wal_with_synchronous_normal_on_every_connection()
    {
        var (journal, synchronous) = await PragmasAsync(app);

        Assert.Equal("wal", journal);
        Assert.Equal(1, synchronous); // NORMAL
    }

    [Fact]
    public async Task Full_durability_is_one_setting_away()
    {
        await using var full = new FullDurabilityApp();
        await full.InitializeAsync();

        var (journal, synchronous) = await PragmasAsync(full);

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // FULL
    }

    private static Task<(string Journal, long Synchronous)> PragmasAsync(JiexinApp target) =>
        target.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                var journal = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
                command.CommandText = "PRAGMA synchronous;";
                var synchronous = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
                return (journal, synchronous);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    private sealed class FullDurabilityApp : SqliteApp
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Jiexin:SqliteSynchronous"] = "Full" };
    }
}
