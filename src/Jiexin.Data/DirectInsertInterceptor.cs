using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Jiexin.Data;

/// <summary>
/// Writes a save that holds nothing but new rows with one prepared <c>INSERT</c> per table, in one transaction, instead
/// of EF's update pipeline; then accepts the changes, so EF finds nothing left to do (or, for a context that is emptied
/// after every save, <see cref="JiexinDbContext.HoldsOnlyNewGraphs"/>, ends the save itself). Only for a context that asks
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

    private long _rowsBoundInSqlite;

    /// <summary>Rows written this way since start (diagnostics; tests check the path was taken).</summary>
    public long RowsInserted => Interlocked.Read(ref _rowsInserted);

    /// <summary>Of those, the rows bound straight into SQLite's statement rather than through a command.</summary>
    public long RowsBoundInSqlite => Interlocked.Read(ref _rowsBoundInSqlite);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        return TryInsert(eventData.Context, result);
    }

    // Microsoft.Data.Sqlite executes synchronously whatever the API; the async path does the same work.
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(TryInsert(eventData.Context, result));
    }

    private InterceptionResult<int> TryInsert(DbContext? context, InterceptionResult<int> result)
    {
        if (context is not JiexinDbContext { InsertsDirectly: true } db || !db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
        {
            return result;
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
                return result;
            }
        }

        if (added.Count == 0)
        {
            return result;
        }

        var work = new List<(TablePlan Plan, List<EntityEntry> Rows)>(added.Count);
        foreach (var type in PrincipalsFirst(added.Keys))
        {
            if (_plans.GetOrAdd(type, Plan) is not { } plan || !plan.CanInsert(added[type]))
            {
                return result;
            }

            work.Add((plan, added[type]));
        }

        var bound = Insert(db, work);
        var inserted = work.Sum(w => w.Rows.Count);
        Interlocked.Add(ref _rowsBoundInSqlite, bound);
        Interlocked.Add(ref _rowsInserted, inserted);
        db.SkipDetectionAfterInterceptors();
        if (db.HoldsOnlyNewGraphs)
        {
            // The context is emptied right after this save: EF's own pass is skipped rather than given accepted rows.
            return InterceptionResult<int>.SuppressWithResult(inserted);
        }

        db.ChangeTracker.AcceptAllChanges();
        return result;
    }

    /// <summary>Writes and commits the rows; returns how many were bound straight into SQLite.</summary>
    private static int Insert(JiexinDbContext db, List<(TablePlan Plan, List<EntityEntry> Rows)> work)
    {
        // Through EF, so the write gate queues this transaction like any other.
        using var transaction = db.Database.BeginTransaction();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            var text = new TextBuffer();
            var bound = 0;
            foreach (var (plan, rows) in work)
            {
                if (plan.BoundInSqlite(connection) is { } kinds)
                {
                    InsertBoundInSqlite(connection, plan, kinds, rows, text);
                    bound += rows.Count;
                }
                else
                {
                    InsertThroughCommand(connection, (SqliteTransaction)transaction.GetDbTransaction(), plan, rows);
                }
            }

            transaction.Commit();
            return bound;
        }
        catch (SqliteException e)
        {
            // Callers handle refusals (a unique index) as EF reports them.
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e,
                [.. work.SelectMany(w => w.Rows)]);
        }
    }

    /// <summary>Through Microsoft.Data.Sqlite's command: any type its binder knows.</summary>
    private static void InsertThroughCommand(SqliteConnection connection, SqliteTransaction transaction, TablePlan plan, List<EntityEntry> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
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
                command.Parameters[i].Value = ProviderValue(values, plan.Columns[i]) ?? DBNull.Value;
            }

            if (plan.GeneratedKey is { } key)
            {
                SetGeneratedKey(row, key, command.ExecuteScalar()!);
            }
            else
            {
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Straight into SQLite's prepared statement, bound by position. Microsoft.Data.Sqlite binds each parameter of
    /// each execution by name (a UTF-8 copy of the name and a binder object per value) and converts every string and
    /// Guid through new strings: under intake load that binding was ~15 % of the app's allocations. Only for columns
    /// whose types <see cref="Bound"/> writes exactly as that binder does (the bytes are compared by
    /// DirectInsertTests); a table with any other column goes through the command.
    /// </summary>
    private static void InsertBoundInSqlite(SqliteConnection connection, TablePlan plan, Bound[] kinds, List<EntityEntry> rows, TextBuffer text)
    {
        var handle = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(handle, plan.Sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, handle);
        using (statement)
        {
            foreach (var row in rows)
            {
                var values = row.CurrentValues;
                for (var i = 0; i < kinds.Length; i++)
                {
                    rc = Bind(statement, i + 1, kinds[i], ProviderValue(values, plan.Columns[i]), text);
                    SqliteException.ThrowExceptionForRC(rc, handle);
                }

                rc = raw.sqlite3_step(statement);
                if (plan.GeneratedKey is { } key && rc == raw.SQLITE_ROW)
                {
                    SetGeneratedKey(row, key, raw.sqlite3_column_int64(statement, 0));
                    rc = raw.sqlite3_step(statement);
                }

                if (rc != raw.SQLITE_DONE)
                {
                    // The statement is finalised on the way out; the transaction rolls back.
                    SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, handle);
                }

                raw.sqlite3_reset(statement);
            }
        }
    }

    private static object? ProviderValue(PropertyValues values, Column column)
    {
        var value = values[column.Property];
        return value is not null && column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private static void SetGeneratedKey(EntityEntry row, IProperty key, object id)
    {
        var property = row.Property(key.Name);
        property.CurrentValue = Convert.ChangeType(id, Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType, CultureInfo.InvariantCulture);
        property.IsTemporary = false;
    }

    /// <summary>How a column's provider value is bound when bound directly.</summary>
    private enum Bound
    {
        Integer,
        Real,
        Text,
        Guid,
        DateTime,
        Decimal,
    }

    /// <summary>
    /// How each column would be bound directly, or null when one of them is a type (or a parameter setting: a size, a
    /// storage class other than TEXT for a Guid, date or decimal) that only Microsoft.Data.Sqlite's binder should handle.
    /// </summary>
    private static Bound[]? BindingsOf(TablePlan plan, SqliteConnection connection)
    {
        using var probe = connection.CreateCommand();
        var kinds = new Bound[plan.Columns.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            var column = plan.Columns[i];
            var parameter = (SqliteParameter)column.Mapping.CreateParameter(probe, column.Parameter, null, nullable: true);
            var type = column.Mapping.Converter?.ProviderClrType ?? column.Mapping.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsEnum)
            {
                type = Enum.GetUnderlyingType(type);
            }

            Bound? kind = type switch
            {
                _ when type == typeof(string) => Bound.Text,
                _ when type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) => Bound.Integer,
                _ when type == typeof(double) || type == typeof(float) => Bound.Real,
                _ when type == typeof(Guid) && parameter.SqliteType == SqliteType.Text => Bound.Guid,
                _ when type == typeof(DateTime) && parameter.SqliteType == SqliteType.Text => Bound.DateTime,
                _ when type == typeof(decimal) && parameter.SqliteType == SqliteType.Text => Bound.Decimal,
                _ => null,
            };
            if (kind is null || parameter.Size != 0)
            {
                return null;
            }

            kinds[i] = kind.Value;
        }

        return kinds;
    }

    // Each as Microsoft.Data.Sqlite's SqliteValueBinder writes the same value.
    private static int Bind(sqlite3_stmt statement, int index, Bound kind, object? value, TextBuffer text)
    {
        if (value is null or DBNull)
        {
            return raw.sqlite3_bind_null(statement, index);
        }

        switch (kind)
        {
            case Bound.Integer:
                return raw.sqlite3_bind_int64(statement, index, value switch
                {
                    bool b => b ? 1 : 0,
                    int n => n,
                    long n => n,
                    short n => n,
                    byte n => n,
                    _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                });
            case Bound.Real:
                var real = value is float f ? f : Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(real))
                {
                    throw new InvalidOperationException("Cannot store 'NaN' values."); // the binder's refusal
                }

                return raw.sqlite3_bind_double(statement, index, real);
            case Bound.Text:
                return text.Bind(statement, index, ((string)value).AsSpan());
            case Bound.Guid:
            {
                Span<char> chars = stackalloc char[36];
                ((Guid)value).TryFormat(chars, out var written);
                for (var i = 0; i < written; i++)
                {
                    chars[i] = char.ToUpperInvariant(chars[i]);
                }

                return text.Bind(statement, index, chars[..written]);
            }

            case Bound.DateTime:
            {
                Span<char> chars = stackalloc char[40];
                ((DateTime)value).TryFormat(chars, out var written, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
                return text.Bind(statement, index, chars[..written]);
            }

            default:
            {
                Span<char> chars = stackalloc char[64];
                ((decimal)value).TryFormat(chars, out var written, "0.0###########################", CultureInfo.InvariantCulture);
                return text.Bind(statement, index, chars[..written]);
            }
        }
    }

    /// <summary>One UTF-8 buffer reused for every text of a save (SQLite copies what is bound).</summary>
    private sealed class TextBuffer
    {
        private byte[] _bytes = new byte[1024];

        public int Bind(sqlite3_stmt statement, int index, ReadOnlySpan<char> chars)
        {
            if (chars.IsEmpty)
            {
                // An empty span would reach SQLite as a null pointer, which binds NULL; '' is what was stored.
                return raw.sqlite3_bind_text(statement, index, string.Empty);
            }

            var most = Encoding.UTF8.GetMaxByteCount(chars.Length);
            if (_bytes.Length < most)
            {
                _bytes = new byte[Math.Max(most, _bytes.Length * 2)];
            }

            var length = Encoding.UTF8.GetBytes(chars, _bytes);
            return raw.sqlite3_bind_text(statement, index, _bytes.AsSpan(0, length));
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
        private static readonly Bound[] ThroughCommand = [];
        private Bound[]? _bindings;

        /// <summary>How to bind each column directly, or null to go through the command (worked out once per table).</summary>
        public Bound[]? BoundInSqlite(SqliteConnection connection)
        {
            // Two writers may work it out at once; both get the same answer.
            var bindings = Volatile.Read(ref _bindings);
            if (bindings is null)
            {
                bindings = BindingsOf(this, connection) ?? ThroughCommand;
                Volatile.Write(ref _bindings, bindings);
            }

            return bindings.Length == 0 ? null : bindings;
        }

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
