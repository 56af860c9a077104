using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jiexin.IntegrationTests.Platform.Data;

/// <summary>
/// The app's SQLite connections never checkpoint; <see cref="SqliteCheckpointer"/> copies the log back beside the
/// writers and still lets it start over, so the log stays bounded and every commit stays readable.
/// </summary>
public sealed class SqliteCheckpointTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_apps_connections_leave_checkpoints_to_the_checkpointer()
    {
        var autocheckpoint = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
        });

        Assert.Equal(0, autocheckpoint);
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is SqliteCheckpointer);
    }

    [Fact]
    public async Task A_log_grown_past_the_limit_is_copied_back_and_starts_over_with_every_row_kept()
    {
        var checkpointer = app.Services.GetRequiredService<SqliteCheckpointer>();
        var gatedBefore = checkpointer.GatedPasses;
        var table = "ckpt_probe_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");

        // ~24 MB in one transaction, past RestartAfterPages (16 MB): the log is at least that long when it commits. (In
        // 40 smaller transactions, a slow machine let the checkpointer copy each one back and the next writer start the
        // log over, so it never grew past the limit and no gated pass was needed: a CI run failed that way.)
        var statements = Enumerable.Range(0, 40).SelectMany(_ => new[]
        {
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30) INSERT INTO {table} (body) SELECT randomblob(20000) FROM n",
            $"INSERT INTO {table} (body) VALUES (randomblob(100))",
        });
        await ExecuteAsync([.. statements]);
        var deadlineForAPass = DateTime.UtcNow.AddSeconds(10);
        while (checkpointer.Passes == 0 && DateTime.UtcNow < deadlineForAPass)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(checkpointer.Passes > 0, "the checkpointer has not run");

        // Past the limit, a pass is finished under the write gate, and the first commit after it starts the log over:
        // with a small write every 100 ms, its length falls back under the limit.
        // Generous: under a parallel test run a reader can hold the log for a while; it normally ends in well under a second.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline
            && !(checkpointer.GatedPasses > gatedBefore && checkpointer.LogPages is >= 0 and < SqliteCheckpointer.RestartAfterPages))
        {
            await ExecuteAsync($"INSERT INTO {table} (body) VALUES (randomblob(100))");
            await Task.Delay(100, Ct);
        }

        Assert.True(checkpointer.GatedPasses > gatedBefore, "no pass was finished under the write gate");
        Assert.InRange(checkpointer.LogPages, 0, SqliteCheckpointer.RestartAfterPages - 1);

        // Nothing was lost on the way, and the file is sound.
        Assert.True(await ScalarAsync<long>($"SELECT COUNT(*) FROM {table}") >= 40 * 31);
        Assert.Equal("ok", await ScalarAsync<string>("PRAGMA quick_check"));
    }

    [Fact]
    public async Task An_ordinary_pass_runs_while_a_writer_holds_the_gate()
    {
        var checkpointer = app.Services.GetRequiredService<SqliteCheckpointer>();
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteFile(), Pooling = false }.ToString());
        await connection.OpenAsync(Ct);

        using (await gate.HoldAsync(Ct))
        {
            // A short log: the pass copies it without waiting for the writer that holds the gate.
            var pass = checkpointer.PassAsync(connection, Ct);
            var finished = await Task.WhenAny(pass, Task.Delay(TimeSpan.FromSeconds(10), Ct));
            Assert.Same(pass, finished);
            await pass;
        }
    }

    private string SqliteFile() => Path.Combine(app.DataDir, "jiexin.db");

    /// <summary>One transaction through EF, so it queues at the write gate like the app's own writes.</summary>
    private Task ExecuteAsync(params string[] statements) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<JiexinDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        foreach (var sql in statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql, Ct);
        }

        await transaction.CommitAsync(Ct);
        return 0;
    });

    private Task<T> ScalarAsync<T>(string sql) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<JiexinDbContext>();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(Ct))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    });
}
