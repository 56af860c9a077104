using System.Data.Common;
using System.Globalization;
using Jiexin.Data;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Events.Contracts;
using Jiexin.Modules.Events.Deadlines;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jiexin.Modules.Events.Figures;

/// <summary>
/// Realistic demo events in bulk (benchmarks, demos): reported evenly over the years with a daily rhythm, in the demo
/// grids, across the taxonomy's 小类 with their default departments; older ones almost all closed (mostly in the grid or
/// the community, 小事不出村), recent ones partly open, some of those past their deadline (红牌). Raw inserts, no
/// timeline and no figures: the caller rebuilds the figures from the table afterwards.
/// PostgreSQL: binary COPY; SQLite: one prepared INSERT in transactions of 100 000 rows.
/// </summary>
public sealed class DemoEventGenerator(JiexinDbContext db, ITerritoryLookup territory, ICategoryDirectory categories, TimeProvider clock) : IDemoEventGenerator
{
    private const int Transaction = 100_000;

    private static readonly string[] Columns =
    [
        "Id", "TrackingCode", "Channel", "Description", "Latitude", "Longitude", "GridId", "CommunityId", "CategoryCode", "CategoryName",
        "AttributionConfident", "Status", "AssigneeKind", "AssigneeId", "IsAnonymous", "ResolvedTier", "CreatedAt", "UpdatedAt", "DueAt",
        "Warning", "ClosedAt", "Version", "IsAboveStreet",
    ];

    private sealed record Place(Guid GridId, Guid CommunityId);

    private sealed record Kind(string Code, string Name, Guid? DepartmentId);

    private sealed record Row(
        Guid Id, string TrackingCode, EventChannel Channel, string Description, Place Place, Kind Kind, EventStatus Status,
        OrgUnitKind? AssigneeKind, Guid? AssigneeId, ResolutionTier? Tier, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DueAt,
        DeadlineWarning Warning, DateTime? ClosedAt);

    public async Task<long> GenerateAsync(long count, int years, int seed, IProgress<long>? progress, CancellationToken ct)
    {
        var places = territory.Communities.SelectMany(c => territory.GridsOf(c.Id).Select(g => new Place(g.Id, c.Id))).ToArray();
        var kinds = categories.Groups.SelectMany(g => g.Subcategories).Select(s => new Kind(
            s.Code, s.SubcategoryName,
            s.DefaultDepartmentShortName is { } d ? territory.FindDepartmentByShortName(d)?.Id : null)).ToArray();
        var anyDepartment = territory.Departments.Select(d => d.Id).ToArray();
        if (places.Length == 0 || kinds.Length == 0 || anyDepartment.Length == 0)
        {
            throw new InvalidOperationException("需要演示辖区（网格、部门）和事件分类。 The demo territory and taxonomy are needed first.");
        }

        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var start = now.AddYears(-years);
        var step = (now - start).Ticks / Math.Max(1, count);
        var run = random.Next(0x10000).ToString("X4", CultureInfo.InvariantCulture);
        IEnumerable<Row> Rows()
        {
            for (long i = 0; i < count; i++)
            {
                yield return Make(i, start.AddTicks((step * i) + random.NextInt64(Math.Max(1, step))), now, random, places, kinds, anyDepartment, run);
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
                ? await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), Rows(), progress, ct)
                : await InsertAsync(Rows(), progress, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Row Make(long i, DateTime created, DateTime now, Random random, Place[] places, Kind[] kinds, Guid[] departments, string run)
    {
        // A few grids and 小类 much busier than others (skewed choice), a daily rhythm (fewer reports at night).
        var place = places[(int)(places.Length * Math.Pow(random.NextDouble(), 1.6))];
        var kind = kinds[(int)(kinds.Length * Math.Pow(random.NextDouble(), 2.0))];
        var age = now - created;
        var channel = (EventChannel)random.Next(6);
        var roll = random.NextDouble();
        var openShare = age.TotalDays switch { < 3 => 0.7, < 14 => 0.3, < 60 => 0.06, _ => 0.002 };
        var tierRoll = random.NextDouble();
        var tier = tierRoll switch { < 0.56 => ResolutionTier.Grid, < 0.82 => ResolutionTier.Community, < 0.985 => ResolutionTier.Street, _ => ResolutionTier.AboveStreet };
        var (assigneeKind, assigneeId) = tier switch
        {
            ResolutionTier.Grid => (OrgUnitKind.Grid, place.GridId),
            ResolutionTier.Community => (OrgUnitKind.Community, place.CommunityId),
            _ => (OrgUnitKind.Department, kind.DepartmentId ?? departments[random.Next(departments.Length)]),
        };
        var due = created.AddHours(24 + random.Next(24 * 10));
        EventStatus status;
        DateTime? closed = null;
        var warning = DeadlineWarning.None;
        if (roll < openShare)
        {
            status = random.Next(10) switch { 0 => EventStatus.Reported, 1 => EventStatus.Dispatched, 2 => EventStatus.Handled, 3 => EventStatus.Suspended, _ => EventStatus.Accepted };
            warning = due < now && status != EventStatus.Suspended ? DeadlineWarning.Overdue : DeadlineWarning.None;
            if (status == EventStatus.Reported)
            {
                (assigneeKind, assigneeId) = (default, default);
            }
        }
        else if (roll < openShare + 0.02)
        {
            status = EventStatus.Rejected;
            closed = created.AddHours(2);
        }
        else if (roll < openShare + 0.03)
        {
            status = EventStatus.Merged;
        }
        else
        {
            status = EventStatus.Closed;
            // Most within the deadline; some late (and then they had a red card before closing).
            closed = created.AddMinutes(30 + random.Next(60 * 24 * (random.Next(8) == 0 ? 20 : 6)));
            if (closed > now)
            {
                closed = now;
            }

            warning = closed > due ? DeadlineWarning.Overdue : DeadlineWarning.None;
        }

        var isOpenUnassigned = status == EventStatus.Reported;
        return new Row(
            Guid.CreateVersion7(created),
            $"GN{run}{i:D12}",
            channel,
            $"{kind.Name}（演示数据 {i}）",
            place,
            kind,
            status,
            isOpenUnassigned ? null : assigneeKind,
            isOpenUnassigned ? null : assigneeId,
            status == EventStatus.Closed ? tier : null,
            created,
            closed ?? created,
            isOpenUnassigned ? null : due,
            warning,
            closed);
    }

    private async Task<long> InsertAsync(IEnumerable<Row> rows, IProgress<long>? progress, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO events_events ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, n) => $"@p{n}"))})";
        foreach (var n in Enumerable.Range(0, Columns.Length))
        {
            var p = command.CreateParameter();
            p.ParameterName = $"p{n}";
            command.Parameters.Add(p);
        }

        long done = 0;
        using var e = rows.GetEnumerator();
        var more = e.MoveNext();
        while (more)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            command.Transaction = tx.GetDbTransaction();
            for (var n = 0; n < Transaction && more; n++, more = e.MoveNext())
            {
                Bind(command.Parameters, e.Current);
                await command.ExecuteNonQueryAsync(ct);
                done++;
            }

            await tx.CommitAsync(ct);
            progress?.Report(done);
        }

        return done;
    }

    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private static object Time(DateTime? utc) => utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DBNull.Value;

    private static void Bind(DbParameterCollection p, Row r)
    {
        object?[] values =
        [
            Id(r.Id), r.TrackingCode, r.Channel.ToString(), r.Description, DBNull.Value, DBNull.Value, Id(r.Place.GridId), Id(r.Place.CommunityId),
            r.Kind.Code, r.Kind.Name, 1, r.Status.ToString(), r.AssigneeKind?.ToString(), r.AssigneeId is { } a ? Id(a) : null, 0,
            r.Tier?.ToString(), Time(r.CreatedAt), Time(r.UpdatedAt), Time(r.DueAt), (int)r.Warning, Time(r.ClosedAt), 1, 0,
        ];
        for (var n = 0; n < values.Length; n++)
        {
            p[n].Value = values[n] ?? DBNull.Value;
        }
    }

    private static async Task<long> CopyAsync(NpgsqlConnection connection, IEnumerable<Row> rows, IProgress<long>? progress, CancellationToken ct)
    {
        long done = 0;
        using var e = rows.GetEnumerator();
        var more = e.MoveNext();
        while (more)
        {
            // One COPY per million rows: progress, and a failure loses one chunk at most.
            await using (var import = await connection.BeginBinaryImportAsync(
                $"COPY events_events ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var n = 0; n < 10 * Transaction && more; n++, more = e.MoveNext())
                {
                    var r = e.Current;
                    await import.StartRowAsync(ct);
                    await import.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
                    await import.WriteAsync(r.TrackingCode, NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(r.Channel.ToString(), NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(r.Description, NpgsqlDbType.Varchar, ct);
                    await import.WriteNullAsync(ct);
                    await import.WriteNullAsync(ct);
                    await import.WriteAsync(r.Place.GridId, NpgsqlDbType.Uuid, ct);
                    await import.WriteAsync(r.Place.CommunityId, NpgsqlDbType.Uuid, ct);
                    await import.WriteAsync(r.Kind.Code, NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(r.Kind.Name, NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                    await import.WriteAsync(r.Status.ToString(), NpgsqlDbType.Varchar, ct);
                    await WriteAsync(import, r.AssigneeKind?.ToString(), NpgsqlDbType.Varchar, ct);
                    await WriteAsync(import, r.AssigneeId, NpgsqlDbType.Uuid, ct);
                    await import.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                    await WriteAsync(import, r.Tier?.ToString(), NpgsqlDbType.Varchar, ct);
                    await import.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                    await import.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                    await WriteAsync(import, r.DueAt, NpgsqlDbType.TimestampTz, ct);
                    await import.WriteAsync((int)r.Warning, NpgsqlDbType.Integer, ct);
                    await WriteAsync(import, r.ClosedAt, NpgsqlDbType.TimestampTz, ct);
                    await import.WriteAsync(1, NpgsqlDbType.Integer, ct);
                    await import.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                    done++;
                }

                await import.CompleteAsync(ct);
            }

            progress?.Report(done);
        }

        return done;
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
        {
            await import.WriteNullAsync(ct);
        }
        else
        {
            await import.WriteAsync(value, type, ct);
        }
    }
}
