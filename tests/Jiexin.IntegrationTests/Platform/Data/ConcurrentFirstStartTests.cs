using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jiexin.IntegrationTests.Platform.Data;

/// <summary>
/// Two nodes started at the same moment on one new PostgreSQL database (a first install behind a load balancer): one
/// migrates and seeds, the other waits its turn and finds it done — one territory, one set of accounts, one demo.
/// </summary>
public sealed class ConcurrentFirstStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Node(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Jiexin:SeedDemo", "true");
            builder.UseSetting("Jiexin:SeedDemoEvents", "true");
            builder.UseSetting("Jiexin:DemoPassword", JiexinApp.DemoPassword);
            builder.UseSetting("Jiexin:Jobs:Enabled", "false");
            builder.UseSetting("Jiexin:Outbox:Enabled", "false");
            builder.UseSetting("Jiexin:Database", "Postgres");
            builder.UseSetting("Jiexin:DataDir", Path.Combine(Path.GetTempPath(), "jiexin-tests", Guid.NewGuid().ToString("N")));
            builder.UseSetting("ConnectionStrings:Jiexin", connectionString);
        }
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_new_database_seed_it_once()
    {
        var server = PostgresApp.BaseConnectionString ?? "";
        if (server.Length == 0)
        {
            Assert.Skip("PostgreSQL not configured: set JIEXIN_TEST_POSTGRES to a connection string (bash .ci/run does).");
        }

        var database = "jiexin_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(Ct);
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync(Ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        try
        {
            await using var first = new Node(connectionString);
            await using var second = new Node(connectionString);
            await Task.WhenAll(Task.Run(() => first.Services, Ct), Task.Run(() => second.Services, Ct));

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
            Assert.Equal(1, await db.Set<Street>().CountAsync(Ct));
            Assert.Equal(9, await db.Set<JiexinUser>().CountAsync(Ct));
            var events = await db.Set<Event>().CountAsync(Ct);
            Assert.True(events is > 0 and <= 40, $"{events} demo events: played twice?");
            Assert.Equal(events, await db.Set<Event>().Select(e => e.Description).Distinct().CountAsync(Ct));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync(Ct);
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync(Ct);
        }
    }
}
