using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Data;

/// <summary>The SQLite file runs in WAL mode and every connection the app opens carries the configured synchronous level.</summary>
public sealed class SqliteDurabilityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
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
