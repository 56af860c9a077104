using System.Text.Json.Nodes;
using Jiexin.Data;

namespace Jiexin.Platform.Audit;

/// <summary>An action that is not an entity change (a login, a personal-data reveal), for <see cref="IAuditTrail"/>.</summary>
public sealed record AuditRecord(string Action)
{
    public string? EntityType { get; init; }

    public string? EntityId { get; init; }

    /// <summary>Facts worth keeping, stored like changes (<c>{"name": {"new": value}}</c>). Never put secrets here.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }

    /// <summary>The account concerned when it is not the signed-in user (a login attempt names the account tried).</summary>
    public Guid? UserId { get; init; }

    public string? UserName { get; init; }
}

/// <summary>
/// Records actions that change no entity into the same audit log. Written at once, in a unit of work of its own,
/// so a failed login stays recorded whatever happens to the request afterwards.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken ct = default);
}

internal sealed class AuditTrail(IServiceScopeFactory scopes, AuditActorAccessor actors, TimeProvider clock) : IAuditTrail
{
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        var actor = actors.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        JsonObject? details = null;
        if (record.Details is { Count: > 0 })
        {
            details = [];
            foreach (var (name, value) in record.Details)
            {
                details[name] = new JsonObject { ["new"] = AuditInterceptor.ToJson(value) };
            }
        }

        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            UserId = record.UserName is null ? actor.UserId : record.UserId,
            UserName = AuditActor.Cut(record.UserName, 64) ?? actor.UserName,
            Action = record.Action,
            EntityType = record.EntityType,
            EntityId = AuditActor.Cut(record.EntityId, 128),
            Changes = details?.ToJsonString(),
            ClientIp = actor.ClientIp,
            UserAgent = actor.UserAgent,
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JiexinDbContext>();
        db.Add(entry);
        await db.SaveChangesAsync(ct);
    }
}
