using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Jiexin.IntegrationTests.Platform.Reliability;

/// <summary>
/// Issue 9 §1: residents report concurrently with idempotency keys while the app is killed with SIGKILL at random
/// moments and restarted. Every acknowledged (201) report must be stored exactly once, every report whose answer was
/// lost must be stored exactly once after its retry, and nothing may be half-written (an event without its first
/// timeline step or its audit entry). CI runs the short form (3 cycles); <c>JIEXIN_CRASH_CYCLES=20</c> runs the long one.
/// </summary>
public sealed class CrashConsistencyTests
{
    private const int Workers = 8;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Cycles => int.TryParse(Environment.GetEnvironmentVariable("JIEXIN_CRASH_CYCLES"), out var n) && n > 0 ? n : 3;

    [Fact]
    public async Task Sqlite_keeps_every_acknowledged_report_across_kills()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "jiexin-tests", "crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = BaseSettings(dataDir);
            settings["Jiexin:Database"] = "Sqlite";
            await RunAsync(settings, () => new SqliteConnection($"Data Source={Path.Combine(dataDir, "jiexin.db")};Mode=ReadOnly;Pooling=false"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Postgres_keeps_every_acknowledged_report_across_kills()
    {
        var baseConnection = PostgresApp.BaseConnectionString;
        if (string.IsNullOrWhiteSpace(baseConnection))
        {
            Assert.Skip("PostgreSQL not configured: set JIEXIN_TEST_POSTGRES (bash .ci/run does).");
        }

        var database = "jiexin_crash_" + Guid.NewGuid().ToString("N")[..12];
        var dataDir = Path.Combine(Path.GetTempPath(), "jiexin-tests", "crash-" + Guid.NewGuid().ToString("N"));
        var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ToString();
        await ExecuteAsync(baseConnection, $"CREATE DATABASE \"{database}\"");
        try
        {
            var settings = BaseSettings(dataDir);
            settings["Jiexin:Database"] = "Postgres";
            settings["ConnectionStrings:Jiexin"] = connection;
            await RunAsync(settings, () => new NpgsqlConnection(connection));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(baseConnection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> BaseSettings(string dataDir) => new()
    {
        ["Jiexin:DataDir"] = dataDir,
        ["Jiexin:SeedDemo"] = "true",
        ["Jiexin:DemoPassword"] = JiexinApp.DemoPassword,
        ["Jiexin:RateLimiting:Enabled"] = "false",
    };

    private static async Task RunAsync(Dictionary<string, string> settings, Func<DbConnection> openDatabase)
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var run = Guid.NewGuid().ToString("N")[..8];
        var bodies = new ConcurrentDictionary<string, object>();
        var acknowledged = new ConcurrentDictionary<string, Guid>();
        var inDoubt = new ConcurrentDictionary<string, byte>();
        var refused = new ConcurrentBag<string>();
        var inDoubtFoundStored = 0;
        var inDoubtTotal = 0;

        var app = await AppProcess.StartAsync(settings, Ct);
        try
        {
            var (lat, lng) = await GridCentreAsync(app);
            for (var cycle = 1; cycle <= Cycles; cycle++)
            {
                using var client = await ResidentClientAsync(app);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
                {
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var key = $"crash-{run}-{cycle}-{worker}-{n}";
                        var body = bodies.GetOrAdd(key, k => new { description = $"小区门口路灯不亮，晚上很黑 {k}", latitude = lat, longitude = lng });
                        await SendAsync(client, key, body, acknowledged, inDoubt, refused);
                    }
                })).ToList();

                // Kill at a random moment while requests are in flight (the seed is in the failure message). The
                // workers stop starting new requests first, so "answers lost" counts only requests the kill cut off.
                await Task.Delay(random.Next(300, 2500), Ct);
                await stop.CancelAsync();
                app.Kill();
                await Task.WhenAll(workers);
                await app.DisposeAsync();

                app = await AppProcess.StartAsync(settings, Ct);

                // What survived the kill among the requests whose answer was lost: stored or not, never twice.
                var pending = inDoubt.Keys.ToList();
                inDoubtTotal += pending.Count;
                var stored = await StoredKeysAsync(openDatabase, run);
                inDoubtFoundStored += pending.Count(stored.ContainsKey);

                using var retryClient = await ResidentClientAsync(app);
                foreach (var key in pending)
                {
                    inDoubt.TryRemove(key, out _);
                    await SendAsync(retryClient, key, bodies[key], acknowledged, inDoubt, refused);
                }

                Assert.True(inDoubt.IsEmpty, $"seed {seed}: {inDoubt.Count} retries after the restart got no answer.\n{app.Tail}");
            }

            Assert.True(refused.IsEmpty, $"seed {seed}: refused reports: {string.Join("; ", refused.Take(5))}");
            await VerifyAsync(openDatabase, run, acknowledged, seed);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Cycles} kill cycles, {acknowledged.Count} reports stored exactly once, {inDoubtTotal} answers lost to a kill " +
                $"({inDoubtFoundStored} had been committed before the kill, {inDoubtTotal - inDoubtFoundStored} had not), seed {seed}.");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task SendAsync(
        HttpClient client, string key, object body,
        ConcurrentDictionary<string, Guid> acknowledged, ConcurrentDictionary<string, byte> inDoubt, ConcurrentBag<string> refused)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request, CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                var id = created.GetProperty("id").GetGuid();
                if (acknowledged.TryGetValue(key, out var earlier) && earlier != id)
                {
                    refused.Add($"{key}: acknowledged as {earlier}, then as {id}");
                }

                acknowledged[key] = id;
            }
            else if ((int)response.StatusCode >= 500)
            {
                inDoubt[key] = 0; // the server may be going down: the client does not know, so it retries
            }
            else
            {
                refused.Add($"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            inDoubt[key] = 0;
        }
    }

    private static async Task VerifyAsync(Func<DbConnection> openDatabase, string run, ConcurrentDictionary<string, Guid> acknowledged, int seed)
    {
        await using var db = openDatabase();
        await db.OpenAsync(Ct);

        var rows = new List<(string Key, Guid Id)>();
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = """SELECT "IdempotencyKey", "Id" FROM events_events WHERE "IdempotencyKey" LIKE @prefix""";
            AddParameter(cmd, "@prefix", $"crash-{run}-%");
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetString(0), ParseGuid(reader.GetValue(1))));
            }
        }

        var duplicates = rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"seed {seed}: stored twice: {string.Join(", ", duplicates.Take(5))}");
        var storedIds = rows.ToDictionary(r => r.Key, r => r.Id);
        var missing = acknowledged.Where(a => !storedIds.TryGetValue(a.Key, out var id) || id != a.Value).Select(a => a.Key).ToList();
        Assert.True(missing.Count == 0, $"seed {seed}: acknowledged but not stored: {string.Join(", ", missing.Take(5))}");
        var phantom = storedIds.Keys.Where(k => !acknowledged.ContainsKey(k)).ToList();
        Assert.True(phantom.Count == 0, $"seed {seed}: stored but never acknowledged, even on retry: {string.Join(", ", phantom.Take(5))}");

        var withoutTimeline = await ScalarAsync(db, """
            SELECT COUNT(*) FROM events_events e
            WHERE e."IdempotencyKey" LIKE @prefix AND NOT EXISTS (SELECT 1 FROM events_timeline t WHERE t."EventId" = e."Id")
            """, run);
        Assert.Equal(0, withoutTimeline);

        var audited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = """SELECT "EntityId" FROM platform_audit_entries WHERE "EntityType" = 'Event' AND "Action" = 'Created'""";
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                if (!reader.IsDBNull(0) && !audited.Add(reader.GetString(0)) && storedIds.ContainsValue(Guid.Parse(reader.GetString(0))))
                {
                    Assert.Fail($"seed {seed}: event {reader.GetString(0)} audited as created twice");
                }
            }
        }

        var unaudited = storedIds.Values.Where(id => !audited.Contains(id.ToString())).ToList();
        Assert.True(unaudited.Count == 0, $"seed {seed}: events without their audit entry: {string.Join(", ", unaudited.Take(5))}");
        Assert.True(acknowledged.Count > 0, "no report was acknowledged at all: the harness did not exercise the app");
    }

    private static async Task<Dictionary<string, Guid>> StoredKeysAsync(Func<DbConnection> openDatabase, string run)
    {
        await using var db = openDatabase();
        await db.OpenAsync(Ct);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """SELECT "IdempotencyKey", "Id" FROM events_events WHERE "IdempotencyKey" LIKE @prefix""";
        AddParameter(cmd, "@prefix", $"crash-{run}-%");
        var stored = new Dictionary<string, Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            stored[reader.GetString(0)] = ParseGuid(reader.GetValue(1));
        }

        return stored;
    }

    private static async Task<long> ScalarAsync(DbConnection db, string sql, string run)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        AddParameter(cmd, "@prefix", $"crash-{run}-%");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static Guid ParseGuid(object value) => value is Guid g ? g : Guid.Parse((string)value);

    private static async Task<(double Lat, double Lng)> GridCentreAsync(AppProcess app)
    {
        using var commander = await DemoApi.ClientAsync(app.Address, "commander", JiexinApp.DemoPassword, Ct);
        return await DemoApi.GridCentreAsync(commander, Ct);
    }

    private static Task<HttpClient> ResidentClientAsync(AppProcess app) => DemoApi.ClientAsync(app.Address, "resident01", JiexinApp.DemoPassword, Ct);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(Ct);
    }
}
