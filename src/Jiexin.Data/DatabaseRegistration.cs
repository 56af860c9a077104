using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers <see cref="JiexinDbContext"/> on the provider chosen by <c>Jiexin:Database</c>:
    /// SQLite (default, a file in <c>Jiexin:DataDir</c>) or PostgreSQL (<c>ConnectionStrings:Jiexin</c>).
    /// </summary>
    public static DatabaseOptions AddJiexinDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Jiexin").Bind(options);
        services.AddSingleton(options);

        switch (options.Database)
        {
            case DatabaseProvider.Sqlite:
                var connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = options.SqliteFile,
                    Cache = SqliteCacheMode.Default,
                    Pooling = true,
                    // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: writers queue instead of failing.
                    DefaultTimeout = 30,
                }.ToString();
                var synchronous = new SqliteSynchronousInterceptor(options.SqliteSynchronous, options.SqliteCheckpoint);
                var writeGate = new SqliteWriteGate();
                services.AddSingleton(writeGate);
                services.AddDbContext<JiexinDbContext>(o => o
                    // A list in a query (ids.Contains(x.Id)) goes as ONE JSON parameter read by json_each, not one parameter per
                    // element (EF Core 10's default): Microsoft.Data.Sqlite binds by name and SQLite finds each name by a
                    // linear scan, so n parameters cost n² string compares — a third of the CPU under intake load when the
                    // outbox delivered its batches (measured with perf; docs/decisions/0023-intake-group-commit.md).
                    .UseSqlite(connectionString, b => b
                        .MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly)
                        .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(synchronous, writeGate),
                    // Options built once: every interceptor is a singleton (per-save state lives on the context).
                    optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.Postgres:
                var pg = configuration.GetConnectionString("Jiexin")
                    ?? throw new InvalidOperationException("Jiexin:Database is Postgres but ConnectionStrings:Jiexin is not set.");
                services.AddDbContext<JiexinDbContext>(o => o.UseNpgsql(pg,
                    b => b.MigrationsAssembly(DatabaseOptions.PostgresMigrationsAssembly)), optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                throw new InvalidOperationException($"Unknown Jiexin:Database '{options.Database}'.");
        }

        return options;
    }

    /// <summary>
    /// Adds <see cref="DirectInsertInterceptor"/> (SQLite only). Call after every module has added its SaveChanges
    /// interceptors: EF runs interceptors in the order they were added, and this one must see the rows they add.
    /// </summary>
    public static IServiceCollection AddJiexinDirectInserts(this IServiceCollection services)
    {
        var interceptor = new DirectInsertInterceptor();
        services.AddSingleton(interceptor);
        services.ConfigureDbContext<JiexinDbContext>((sp, o) =>
        {
            if (sp.GetRequiredService<DatabaseOptions>().Database == DatabaseProvider.Sqlite)
            {
                o.AddInterceptors(interceptor);
            }
        }, ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>Creates the data folder, switches SQLite to WAL and applies migrations when configured to.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.Database == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqliteFile)!);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        if (options.Database == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: set once, it persists. Readers no longer block the writer.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (options.MigrateOnStart)
        {
            await db.Database.MigrateAsync(ct);
        }
    }

    /// <summary>The PostgreSQL advisory lock nodes take turns on to run the start-up tasks (an arbitrary constant, "JXSTART").</summary>
    public const long StartupTurnLock = 0x4A58_5354_4152_54;

    /// <summary>
    /// On PostgreSQL, waits until no other node is running its start-up tasks and holds the turn until disposed. Nodes
    /// starting together on a new database (a first install behind a load balancer) would otherwise both find it empty
    /// and both seed it: the second crashed on a unique index, or a demo was played twice. The lock is a session's, so a
    /// node that dies while holding it releases it. SQLite is one process's file: nothing to wait for. Migrations need no
    /// turn: EF Core takes its own lock for them.
    /// </summary>
    public static async Task<IAsyncDisposable> TakeStartupTurnAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetRequiredService<DatabaseOptions>().Database != DatabaseProvider.Postgres)
        {
            return NoTurn.Instance;
        }

        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        // Another node's seeding may take a while: wait for it rather than fail the start after the default 30 s.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupTurnLock})", ct);
        return new Turn(scope, db);
    }

    private sealed class Turn(AsyncServiceScope scope, JiexinDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupTurnLock})");
                await db.Database.CloseConnectionAsync();
            }
            finally
            {
                await scope.DisposeAsync();
            }
        }
    }

    private sealed class NoTurn : IAsyncDisposable
    {
        public static readonly NoTurn Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
