using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jiexin.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jiexin.IntegrationTests.Infrastructure;

/// <summary>
/// The whole app, in process, on a real database of its own: a fresh SQLite file or a fresh PostgreSQL
/// database per test class. Migrations are applied and the demo subdistrict is seeded, as on a first start.
/// </summary>
public abstract class JiexinApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Jiexin-Test-2026";

    private readonly Dictionary<string, string> _tokens = new();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this provider cannot run here, or null when it can.</summary>
    public virtual string? SkipReason => null;

    /// <summary>Extra settings a test class needs (e.g. rate limiting on).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected abstract void ConfigureDatabase(IWebHostBuilder builder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jiexin:SeedDemo", "true");
        builder.UseSetting("Jiexin:DemoPassword", DemoPassword);
        // Tests count the events they make; the played demo events are checked by DemoEventsSeederTests alone.
        builder.UseSetting("Jiexin:SeedDemoEvents", "false");
        // Tests log in many times from one address; the rate-limit tests switch it back on for themselves.
        builder.UseSetting("Jiexin:RateLimiting:Enabled", "false");
        // Background jobs and outbox delivery run when a test calls them (RunOnceAsync), never behind its back.
        builder.UseSetting("Jiexin:Jobs:Enabled", "false");
        builder.UseSetting("Jiexin:Outbox:Enabled", "false");
        ConfigureDatabase(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public virtual ValueTask InitializeAsync()
    {
        if (SkipReason is null)
        {
            _ = Server; // start the app now: migrate and seed once per test class
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test (reported with the reason) when this provider is not available here.</summary>
    public void RequireAvailable()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>An anonymous client (cookies off: API calls only).</summary>
    public HttpClient Anonymous()
    {
        RequireAvailable();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    /// <summary>A client signed in with a bearer token as the given demo account.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName, string password = DemoPassword)
    {
        RequireAvailable();
        if (!_tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            token = body!.AccessToken;
            _tokens[userName] = token;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs code against the app's own services (DbContext etc.) in a scope.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        RequireAvailable();
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private sealed record TokenResponse(string AccessToken);
}

public class SqliteApp : JiexinApp
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "jiexin-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string DataDir => _dataDir;

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Jiexin:Database", "Sqlite");
        builder.UseSetting("Jiexin:DataDir", _dataDir);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on the way out is left for the OS temp cleaner.
        }
    }
}

public class PostgresApp : JiexinApp
{
    private readonly string _database = "jiexin_t_" + Guid.NewGuid().ToString("N")[..16];

    // Files (photos) need a folder of their own per fixture too: shared, one fixture's orphan sweep would see another's files.
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "jiexin-tests", Guid.NewGuid().ToString("N"));

    public static string? BaseConnectionString => Environment.GetEnvironmentVariable("JIEXIN_TEST_POSTGRES");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string? SkipReason => string.IsNullOrWhiteSpace(BaseConnectionString)
        ? "PostgreSQL not configured: set JIEXIN_TEST_POSTGRES to a connection string (bash .ci/run does)."
        : null;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = _database }.ToString();

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Jiexin:Database", "Postgres");
        builder.UseSetting("Jiexin:DataDir", _dataDir);
        builder.UseSetting("ConnectionStrings:Jiexin", SkipReason is null ? ConnectionString : "Host=unused");
    }

    public override async ValueTask InitializeAsync()
    {
        if (SkipReason is null)
        {
            await using var conn = new NpgsqlConnection(BaseConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SkipReason is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(BaseConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
