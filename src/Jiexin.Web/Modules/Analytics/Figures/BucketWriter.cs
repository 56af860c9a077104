using System.Data.Common;
using Jiexin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Adds counts to buckets with one prepared upsert (<c>INSERT … ON CONFLICT DO UPDATE SET Count = Count + excluded.Count</c>,
/// the same SQL on SQLite and PostgreSQL) and drops buckets that fall to zero, on the context's connection and transaction.
/// </summary>
internal sealed class BucketWriter : IAsyncDisposable
{
    public const string Columns = "\"Grain\", \"ScopeKind\", \"ScopeId\", \"Dimension\", \"Measure\", \"Day\", \"Value\", \"Tier\"";
    private readonly bool _postgres;
    private readonly DbCommand _upsert;
    private readonly DbCommand _dropZero;

    private BucketWriter(DbConnection connection, DbTransaction? transaction, bool postgres)
    {
        _postgres = postgres;
        _upsert = Command(connection, transaction,
            $"INSERT INTO analytics_event_buckets ({Columns}, \"Count\") VALUES (@g, @s, @i, @x, @m, @d, @v, @t, @n) "
            + $"ON CONFLICT ({Columns}) DO UPDATE SET \"Count\" = analytics_event_buckets.\"Count\" + excluded.\"Count\"",
            withCount: true);
        _dropZero = Command(connection, transaction,
            "DELETE FROM analytics_event_buckets WHERE \"Grain\" = @g AND \"ScopeKind\" = @s AND \"ScopeId\" = @i AND \"Dimension\" = @x "
            + "AND \"Measure\" = @m AND \"Day\" = @d AND \"Value\" = @v AND \"Tier\" = @t AND \"Count\" = 0",
            withCount: false);
    }

    public static bool IsPostgres(JiexinDbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    public static async Task<BucketWriter> OpenAsync(JiexinDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var writer = new BucketWriter(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), IsPostgres(db));
        await writer._upsert.PrepareAsync(ct);
        await writer._dropZero.PrepareAsync(ct);
        return writer;
    }

    public async Task AddAsync(BucketKey key, long count, CancellationToken ct)
    {
        Bind(_upsert, key);
        _upsert.Parameters[8].Value = count;
        await _upsert.ExecuteNonQueryAsync(ct);
        if (count < 0)
        {
            Bind(_dropZero, key);
            await _dropZero.ExecuteNonQueryAsync(ct);
        }
    }

    private void Bind(DbCommand command, BucketKey key)
    {
        var p = command.Parameters;
        p[0].Value = (short)key.Grain;
        p[1].Value = (short)key.ScopeKind;
        p[2].Value = Id(key.ScopeId);
        p[3].Value = (short)key.Dimension;
        p[4].Value = (short)key.Measure;
        p[5].Value = key.Day;
        p[6].Value = key.Value;
        p[7].Value = key.Tier;
    }

    /// <summary>EF stores a Guid on SQLite as upper-case text; Microsoft.Data.Sqlite would bind a Guid as a blob.</summary>
    private object Id(Guid id) => _postgres ? id : id.ToString().ToUpperInvariant();

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, bool withCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "g", (short)0);
        Add(command, "s", (short)0);
        Add(command, "i", _postgres ? Guid.Empty : "");
        Add(command, "x", (short)0);
        Add(command, "m", (short)0);
        Add(command, "d", 0);
        Add(command, "v", "");
        Add(command, "t", (short)0);
        if (withCount)
        {
            Add(command, "n", 0L);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    public async ValueTask DisposeAsync()
    {
        await _upsert.DisposeAsync();
        await _dropZero.DisposeAsync();
    }
}
