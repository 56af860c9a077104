using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jiexin.Platform.Audit;

/// <summary>
/// THE audit mechanism for data: every entity added, modified or deleted in a SaveChanges becomes an
/// <see cref="AuditEntry"/> saved by that same SaveChanges, hence in the same transaction. Handlers write nothing
/// by hand. Secrets are redacted; audit entries themselves can only be added.
/// (Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass the change tracker and so this log: use them only for data
/// that needs no audit, or record an <see cref="IAuditTrail"/> entry next to them.)
/// </summary>
public sealed class AuditInterceptor(AuditActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{
    internal const string Redacted = "***";
    internal const int MaxValueLength = 500;

    /// <summary>Bookkeeping that changes on every save and says nothing to a reader.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        nameof(IHasVersion.Version), nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.NormalizedUserName), nameof(IdentityUser.NormalizedEmail), nameof(IdentityRole.NormalizedName),
    };

    private static readonly HashSet<string> Secrets = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp),
    };

    /// <summary>This save's entries, on the context (the interceptor is shared by all of them).</summary>
    private sealed class Pending : List<AuditEntry>;

    private static Pending PendingOf(DbContext? context) => context is JiexinDbContext db ? db.SaveState<Pending>() : [];

    /// <summary>This save's new entities whose entries were built before the save (<see cref="DescribeNew"/>).</summary>
    private sealed class AuditedBefore() : HashSet<object>(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Tells this save's capture that <paramref name="entity"/>'s entry is already added (built by <see cref="DescribeNew"/>),
    /// so it must not describe the entity again.
    /// </summary>
    internal static void MarkAudited(JiexinDbContext context, object entity) => context.SaveState<AuditedBefore>().Add(entity);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Capture(context);
        }

        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PendingOf(eventData.Context).Clear();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PendingOf(eventData.Context).Clear();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A failed save must not leave its entries behind for the next save (which may be a retry).</summary>
    private void Discard(DbContext? context)
    {
        var pending = PendingOf(context);
        if (context is not null)
        {
            foreach (var entry in pending)
            {
                context.Entry(entry).State = EntityState.Detached;
            }
        }

        pending.Clear();
    }

    private void Capture(DbContext context)
    {
        var actor = actors.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        var auditedBefore = context is JiexinDbContext db ? db.SaveState<AuditedBefore>() : null;
        foreach (var entry in context.ChangeTracker.AsDetected())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("审计记录只能追加，不能修改或删除。 Audit entries are append-only.");
                }

                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Metadata.ClrType.IsDefined(typeof(NotAuditedAttribute), inherit: false)
                || (entry.State == EntityState.Added && auditedBefore is { Count: > 0 } && auditedBefore.Contains(entry.Entity)))
            {
                continue;
            }

            if (Describe(context, entry) is { } described)
            {
                var by = AuditAttribution.For(entry.Entity) ?? actor;
                entries.Add(Entry(by, now, described.Action, described.EntityType, described.EntityId, described.Changes));
            }
        }

        context.Set<AuditEntry>().AddRange(entries);
        PendingOf(context).AddRange(entries);
    }

    private static (string Action, string EntityType, string? EntityId, string Changes)? Describe(DbContext context, EntityEntry entry)
    {
        // A role granted or taken away is recorded on the account, with the role's name, so that the account's
        // history shows it (the join row itself means nothing to a reader).
        if (entry.Entity is IdentityUserRole<Guid> link)
        {
            var role = context.ChangeTracker.AsDetected<JiexinRole>().FirstOrDefault(r => r.Entity.Id == link.RoleId)?.Entity.Name
                ?? link.RoleId.ToString();
            return entry.State switch
            {
                EntityState.Added => (AuditActions.RoleAdded, nameof(JiexinUser), link.UserId.ToString(), One("Role", null, role)),
                EntityState.Deleted => (AuditActions.RoleRemoved, nameof(JiexinUser), link.UserId.ToString(), One("Role", role, null)),
                _ => null,
            };
        }

        var changes = AuditChanges.Start();
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.IsPrimaryKey() || Ignored.Contains(metadata.Name))
            {
                continue;
            }

            var secret = IsSecret(entry.Metadata.ClrType, metadata.Name, metadata.PropertyInfo);
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes.Add(metadata.Name, null, secret ? Redacted : property.CurrentValue);
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes.Add(metadata.Name, secret ? Redacted : property.OriginalValue, null);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add(metadata.Name, secret ? Redacted : property.OriginalValue, secret ? Redacted : property.CurrentValue);
                    break;
            }
        }

        if (entry.State == EntityState.Modified && changes.Count == 0)
        {
            return null; // saved without a real change (e.g. only a concurrency stamp): nothing to tell (the next Start resets the writer)
        }

        var action = entry.State switch
        {
            EntityState.Added => AuditActions.Created,
            EntityState.Deleted => AuditActions.Deleted,
            _ => AuditActions.Updated,
        };
        return (action, EntityTypeName(entry.Metadata.ClrType), KeyOf(entry), changes.Finish());
    }

    /// <summary>
    /// The "created" entry the capture would write for a new <paramref name="entity"/>, built from the entity and the
    /// model instead of the change tracker, so that a caller can build it on its own thread before it hands the entity
    /// to a writer (the intake's group commit, where describing every new row was a tenth of the one writer's time:
    /// docs/decisions/0023-intake-group-commit.md, session 28). Null when only the tracker can say what would be saved —
    /// a value EF sets at Add (a generated or shadow property, an unset key), a role link, a type the log leaves out — and
    /// the capture then describes the entity as before. Whoever adds a returned entry marks the entity
    /// (<see cref="MarkAudited"/>) in the same save, and must not change the entity after building it.
    /// </summary>
    internal static AuditEntry? DescribeNew(IModel model, object entity, AuditActor by, DateTime now)
    {
        if (NewEntityPlans.GetOrAdd(entity.GetType(), static (type, model) => NewEntityPlan.For(model, type), model) is not { } plan)
        {
            return null;
        }

        var key = new string?[plan.Key.Length];
        for (var i = 0; i < plan.Key.Length; i++)
        {
            var value = plan.Key[i].Getter.GetClrValueUsingContainingEntity(entity);
            if (value is null || plan.Key[i].HasSentinel(value))
            {
                return null; // EF would generate it at Add
            }

            key[i] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var changes = AuditChanges.Start();
        foreach (var (name, getter, secret) in plan.Values)
        {
            if (getter.GetClrValueUsingContainingEntity(entity) is { } value)
            {
                changes.Add(name, null, secret ? Redacted : value);
            }
        }

        return Entry(by, now, AuditActions.Created, plan.EntityType, string.Join(",", key), changes.Finish());
    }

    private static AuditEntry Entry(AuditActor by, DateTime now, string action, string entityType, string? entityId, string changes) => new()
    {
        Id = Guid.CreateVersion7(now),
        OccurredAt = now,
        UserId = by.UserId,
        UserName = by.UserName,
        Action = action,
        EntityType = entityType,
        EntityId = AuditActor.Cut(entityId, 128),
        Changes = changes,
        ClientIp = by.ClientIp,
        UserAgent = by.UserAgent,
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, NewEntityPlan?> NewEntityPlans = new();

    /// <summary>How <see cref="Describe"/> reads a new entity of one type, in the same property order.</summary>
    private sealed record NewEntityPlan(string EntityType, NewEntityPlan.KeyPart[] Key, (string Name, IClrPropertyGetter Getter, bool Secret)[] Values)
    {
        public sealed record KeyPart(IClrPropertyGetter Getter, object? Sentinel)
        {
            public bool HasSentinel(object value) => Equals(value, Sentinel);
        }

        public static NewEntityPlan? For(IModel model, Type type)
        {
            if (model.FindEntityType(type) is not { } entityType
                || typeof(AuditEntry).IsAssignableFrom(type)
                || type.IsDefined(typeof(NotAuditedAttribute), inherit: false)
                || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IdentityUserRole<>))
                || entityType.GetComplexProperties().Any()
                || entityType.FindPrimaryKey() is not { } primaryKey)
            {
                return null;
            }

            var values = new List<(string, IClrPropertyGetter, bool)>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.IsPrimaryKey() || Ignored.Contains(property.Name))
                {
                    continue;
                }

                if (property.IsShadowProperty() || property.ValueGenerated != ValueGenerated.Never)
                {
                    return null;
                }

                values.Add((property.Name, property.GetGetter(), IsSecret(type, property.Name, property.PropertyInfo)));
            }

            if (primaryKey.Properties.Any(p => p.IsShadowProperty()))
            {
                return null;
            }

            var key = primaryKey.Properties.Select(p => new KeyPart(p.GetGetter(), p.Sentinel ?? (p.ClrType.IsValueType ? Activator.CreateInstance(p.ClrType) : null))).ToArray();
            return new(EntityTypeName(type), key, [.. values]);
        }
    }

    private static bool IsSecret(Type entityType, string name, PropertyInfo? property) =>
        Secrets.Contains(name)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || (typeof(IdentityUserToken<Guid>).IsAssignableFrom(entityType) && name == nameof(IdentityUserToken<Guid>.Value))
        || (property is not null && RedactedProperties.GetOrAdd(property, p => p.GetCustomAttribute<AuditRedactedAttribute>() is not null));

    // Reading attributes by reflection on every property of every save cost 3.5% of intake CPU in a trace.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> RedactedProperties = new();

    private static string One(string name, object? oldValue, object? newValue)
    {
        var changes = AuditChanges.Start();
        changes.Add(name, oldValue, newValue);
        return changes.Finish();
    }

    internal static JsonNode? ToJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s.Length > MaxValueLength ? Shortened(s) : s);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case DateTime d:
                return JsonValue.Create(AsUtc(d));
            default:
                try
                {
                    return JsonSerializer.SerializeToNode(value, value.GetType());
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
                {
                    return JsonValue.Create(value.ToString());
                }
        }
    }

    /// <summary>A long text as the audit log keeps it: the first <see cref="MaxValueLength"/> characters and its length.</summary>
    internal static string Shortened(string s) => string.Concat(s.AsSpan(0, MaxValueLength), $"…（共 {s.Length} 字符）");

    /// <summary>Times are logged in UTC; an unspecified kind is taken as UTC (as the database stores them).</summary>
    internal static DateTime AsUtc(DateTime d) => d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime();

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        return string.Join(",", key.Properties.Select(p =>
        {
            var property = entry.Property(p.Name);
            // Store-generated keys are unknown before the insert; Jiexin's entities use client-side GUIDs.
            return property.IsTemporary ? "?" : Convert.ToString(entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue, System.Globalization.CultureInfo.InvariantCulture);
        }));
    }

    internal static string EntityTypeName(Type type) =>
        type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
}
