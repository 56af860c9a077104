using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jiexin.Data;

/// <summary>
/// Writes a save that holds nothing but new rows with one prepared <c>INSERT</c> per table, in one transaction, instead
/// of EF's update pipeline; then accepts the changes, so EF finds nothing left to do. Only for a context that asks
/// (<see cref="JiexinDbContext.InsertsDirectly"/>: the intake group commit, hundreds of rows per save) and only on
/// SQLite. EF builds, sorts and parses one command per row; under intake load that was most of the single writer's
/// time (docs/decisions/0023-intake-group-commit.md, session 11).
/// </summary>
/// <remarks>
/// Must be the LAST SaveChanges interceptor, so the audit, outbox and figures rows the others add are in its
/// transaction (registered after every module; a test checks it). Whatever it cannot write the same way EF would —
/// a modified or deleted row, an entity type with inheritance, owned or complex parts, a store-generated value other
/// than an integer key, a row pointing at a row of its own type — leaves the whole save to EF unchanged. It accepts the
/// changes it wrote even under <c>SaveChanges(acceptAllChangesOnSuccess: false)</c>; no caller that sets
/// <see cref="JiexinDbContext.InsertsDirectly"/> uses that.
/// </remarks>
public sealed class DirectInsertInterceptor : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<IEntityType, TablePlan?> _plans = new();

    private long _rowsInserted;

    /// <summary>Rows written this way since start (diagnostics; tests check the path was taken).</summary>
    public long RowsInserted => Interlocked.Read(ref _rowsInserted);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        TryInsert(eventData.Context);
        return result;
    }

    // Microsoft.Data.Sqlite executes synchronously whatever the API; the async path does the same work.
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        TryInsert(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void TryInsert(DbContext? context)
    {
        if (context is not JiexinDbContext { InsertsDirectly: true } db || !db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
        {
            return;
        }

        var added = new Dictionary<IEntityType, List<EntityEntry>>();
        foreach (var entry in db.ChangeTracker.AsDetected())
        {
            if (entry.State == EntityState.Added)
            {
                if (!added.TryGetValue(entry.Metadata, out var rows))
                {
                    added[entry.Metadata] = rows = [];
                }

                rows.Add(entry);
            }
            else if (entry.State != EntityState.Unchanged)
            {
                return;
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        var work = new List<(TablePlan Plan, List<EntityEntry> Rows)>(added.Count);
        foreach (var type in PrincipalsFirst(added.Keys))
        {
            if (_plans.GetOrAdd(type, Plan) is not { } plan || !plan.CanInsert(added[type]))
            {
                return;
            }

            work.Add((plan, added[type]));
        }

        Insert(db, work);
        db.ChangeTracker.AcceptAllChanges();
        Interlocked.Add(ref _rowsInserted, work.Sum(w => w.Rows.Count));
    }

    private static void Insert(JiexinDbContext db, List<(TablePlan Plan, List<EntityEntry> Rows)> work)
    {
        // Through EF, so the write gate queues this transaction like any other.
        using var transaction = db.Database.BeginTransaction();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            foreach (var (plan, rows) in work)
            {
                using var command = connection.CreateCommand();
                command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
                command.CommandText = plan.Sql;
                foreach (var column in plan.Columns)
                {
                    command.Parameters.Add(column.Mapping.CreateParameter(command, column.Parameter, null, nullable: true));
                }

                command.Prepare();
                foreach (var row in rows)
                {
                    var values = row.CurrentValues;
                    for (var i = 0; i < plan.Columns.Length; i++)
                    {
                        var column = plan.Columns[i];
                        var value = values[column.Property];
                        if (value is not null && column.Mapping.Converter is { } converter)
                        {
                            value = converter.ConvertToProvider(value);
                        }

                        command.Parameters[i].Value = value ?? DBNull.Value;
                    }

                    if (plan.GeneratedKey is { } key)
                    {
                        var id = command.ExecuteScalar()!;
                        var property = row.Property(key.Name);
                        property.CurrentValue = Convert.ChangeType(id, Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                        property.IsTemporary = false;
                    }
                    else
                    {
                        command.ExecuteNonQuery();
                    }
                }
            }

            transaction.Commit();
        }
        catch (SqliteException e)
        {
            // Callers handle refusals (a unique index) as EF reports them.
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e,
                [.. work.SelectMany(w => w.Rows)]);
        }
    }

    /// <summary>Each type after the types its foreign keys point to, so every row finds its principal inserted.</summary>
    private static List<IEntityType> PrincipalsFirst(IEnumerable<IEntityType> types)
    {
        var set = types.ToHashSet();
        var ordered = new List<IEntityType>(set.Count);
        var visiting = new HashSet<IEntityType>();
        foreach (var type in set)
        {
            Visit(type);
        }

        return ordered;

        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type))
            {
                return;
            }

            foreach (var fk in type.GetForeignKeys())
            {
                if (fk.PrincipalEntityType != type && set.Contains(fk.PrincipalEntityType))
                {
                    Visit(fk.PrincipalEntityType);
                }
            }

            ordered.Add(type);
        }
    }

    /// <summary>The INSERT for a type, or null when its rows are left to EF.</summary>
    private static TablePlan? Plan(IEntityType type)
    {
        if (type.GetTableName() is not { } tableName || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any()
            || type.IsOwned() || type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            return null;
        }

        var table = StoreObjectIdentifier.Table(tableName, type.GetSchema());
        var key = type.FindPrimaryKey();
        IProperty? generatedKey = null;
        var columns = new List<Column>();
        foreach (var property in type.GetProperties())
        {
            if (property.GetColumnName(table) is not { } columnName)
            {
                continue;
            }

            if (property.GetComputedColumnSql() is not null || property.GetDefaultValueSql() is not null
                || property.FindAnnotation(RelationalAnnotationNames.DefaultValue) is not null)
            {
                return null;
            }

            if (property.ValueGenerated != ValueGenerated.Never && property.GetValueGeneratorFactory() is null && property.ClrType != typeof(Guid))
            {
                // Store-generated: only a single integer key (SQLite's rowid), read back with RETURNING.
                if (key is not { Properties.Count: 1 } || key.Properties[0] != property || !IsInteger(property.ClrType) || generatedKey is not null)
                {
                    return null;
                }

                generatedKey = property;
                continue;
            }

            columns.Add(new Column(property, columnName, "@p" + columns.Count, (RelationalTypeMapping)property.GetRelationalTypeMapping()));
        }

        var selfReferences = type.GetForeignKeys().Where(fk => fk.PrincipalEntityType.IsAssignableFrom(type)).SelectMany(fk => fk.Properties).ToArray();
        var sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select(c => c.Parameter))})"
            + (generatedKey is null ? "" : $" RETURNING {Quote(generatedKey.GetColumnName(table)!)}");
        return new TablePlan(sql, [.. columns], generatedKey, selfReferences);
    }

    private static bool IsInteger(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(long) || t == typeof(int) || t == typeof(short));

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(IProperty Property, string Name, string Parameter, RelationalTypeMapping Mapping);

    private sealed record TablePlan(string Sql, Column[] Columns, IProperty? GeneratedKey, IProperty[] SelfReferences)
    {
        /// <summary>
        /// False for a row that points at a row of its own type (it might need another new row first: EF orders those)
        /// and for a row whose generated key was set by hand (EF would insert the value given).
        /// </summary>
        public bool CanInsert(List<EntityEntry> rows)
        {
            if (SelfReferences.Length == 0 && GeneratedKey is null)
            {
                return true;
            }

            foreach (var row in rows)
            {
                if (GeneratedKey is not null && !row.Property(GeneratedKey.Name).IsTemporary)
                {
                    return false;
                }

                foreach (var property in SelfReferences)
                {
                    if (row.CurrentValues[property] is not null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
