using System.Data.Common;
using Jiexin.Data;
using Jiexin.Modules.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiexin.Modules.Analytics.Figures;

/// <summary>
/// Adds counts to buckets with one prepared upsert (<c>INSERT … ON CONFLICT DO UPDATE SET Count = Count + excluded.Count</c>,
/// the same SQL on SQLite and PostgreSQL) and drops buckets that fall to zero, on the context's connection and transaction.
/// </summary>
internal sealed class BucketWriter : IAsyncDisposable
{
    private const string Columns = "\"Grain\", \"Measure\", \"Day\", \"CommunityId\", \"GridId\", \"DepartmentId\", \"Category\", \"Tier\"";
    private readonly bool _postgres;
    private readonly DbCommand _upsert;
    private readonly DbCommand _dropZero;

    private BucketWriter(DbConnection connection, DbTransaction? transaction, bool postgres)
    {
        _postgres = postgres;
        _upsert = Command(connection, transaction,
            $"INSERT INTO analytics_event_buckets ({Columns}, \"Count\") VALUES (@g, @m, @d, @c, @r, @p, @k, @t, @n) "
            + $"ON CONFLICT ({Columns}) DO UPDATE SET \"Count\" = analytics_event_buckets.\"Count\" + excluded.\"Count\"",
            withCount: true);
        _dropZero = Command(connection, transaction,
            "DELETE FROM analytics_event_buckets WHERE \"Grain\" = @g AND \"Measure\" = @m AND \"Day\" = @d AND \"CommunityId\" = @c "
            + "AND \"GridId\" = @r AND \"DepartmentId\" = @p AND \"Category\" = @k AND \"Tier\" = @t AND \"Count\" = 0",
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

    public async Task AddAsync(FigureGrain grain, FigureKey key, long count, CancellationToken ct)
    {
        Bind(_upsert, grain, key);
        _upsert.Parameters[8].Value = count;
        await _upsert.ExecuteNonQueryAsync(ct);
        if (count < 0)
        {
            Bind(_dropZero, grain, key);
            await _dropZero.ExecuteNonQueryAsync(ct);
        }
    }

    private void Bind(DbCommand command, FigureGrain grain, FigureKey key)
    {
        var p = command.Parameters;
        p[0].Value = (short)grain;
        p[1].Value = (short)key.Measure;
        p[2].Value = key.Day;
        p[3].Value = Id(key.CommunityId);
        p[4].Value = Id(key.GridId);
        p[5].Value = Id(key.DepartmentId);
        p[6].Value = key.Category;
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
        Add(command, "m", (short)0);
        Add(command, "d", 0);
        Add(command, "c", _postgres ? Guid.Empty : "");
        Add(command, "r", _postgres ? Guid.Empty : "");
        Add(command, "p", _postgres ? Guid.Empty : "");
        Add(command, "k", "");
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
