using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>An account a notification goes to.</summary>
public sealed record Recipient(Guid UserId, string? PhoneNumber, bool IsStaff);

/// <summary>
/// Turns <see cref="Audience"/> strings into enabled accounts, at delivery time. Scoped: an audience is looked up once
/// per scope, so a batch of notifications to the same grid or role (a burst of intake) asks the database once; and
/// what was looked up is kept a moment for the next batches (<see cref="AudienceCache"/>).
/// </summary>
public sealed class RecipientResolver(JiexinDbContext db, AudienceCache cache)
{
    private readonly Dictionary<string, IReadOnlyList<Recipient>> _byAudience = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IEnumerable<string> audiences, Guid? exclude, CancellationToken ct)
    {
        var wanted = audiences.Distinct(StringComparer.Ordinal).ToList();
        await LoadAsync(wanted, ct);
        var found = new Dictionary<Guid, Recipient>();
        foreach (var audience in wanted)
        {
            foreach (var person in _byAudience[audience])
            {
                found[person.UserId] = person;
            }
        }

        if (exclude is { } me)
        {
            found.Remove(me);
        }

        return [.. found.Values];
    }

    /// <summary>Looks up, in as few queries as their kinds allow, the audiences this scope has not seen yet.</summary>
    public async Task LoadAsync(IEnumerable<string> audiences, CancellationToken ct)
    {
        var userIds = new Dictionary<Guid, string>();
        var units = new List<(OrgUnitKind Kind, Guid Id, string Audience)>();
        var roles = new List<(string Normalized, string Audience)>();
        var generation = cache.Generation;
        foreach (var audience in audiences.Distinct(StringComparer.Ordinal).Where(a => !_byAudience.ContainsKey(a)))
        {
            if (cache.TryGet(audience, out var known))
            {
                _byAudience[audience] = known;
                continue;
            }

            _byAudience[audience] = [];
            switch (audience.Split(':'))
            {
                case ["user", var id] when Guid.TryParse(id, out var userId):
                    userIds[userId] = audience;
                    break;
                case ["unit", var kind, var id] when Enum.TryParse<OrgUnitKind>(kind, out var k) && Guid.TryParse(id, out var unitId):
                    units.Add((k, unitId, audience));
                    break;
                case ["role", var role]:
                    roles.Add((role.ToUpperInvariant(), audience));
                    break;
            }
        }

        // Only the four columns a recipient needs, not whole Identity accounts: under intake load these look-ups were
        // ~6 % of the app's allocations.
        var users = db.Set<JiexinUser>().AsNoTracking().Where(u => !u.IsDisabled);
        if (userIds.Count > 0)
        {
            var ids = userIds.Keys.ToList();
            foreach (var u in await users.Where(u => ids.Contains(u.Id)).Select(u => new Member(u.Id, u.PhoneNumber, u.OrgUnitKind, u.OrgUnitId)).ToListAsync(ct))
            {
                _byAudience[userIds[u.Id]] = [u.ToRecipient()];
            }
        }

        foreach (var kind in units.GroupBy(u => u.Kind))
        {
            var ids = kind.Select(u => (Guid?)u.Id).ToList();
            var members = await users.Where(u => u.OrgUnitKind == kind.Key && ids.Contains(u.OrgUnitId))
                .Select(u => new Member(u.Id, u.PhoneNumber, u.OrgUnitKind, u.OrgUnitId)).ToListAsync(ct);
            foreach (var unit in kind)
            {
                _byAudience[unit.Audience] = [.. members.Where(u => u.UnitId == unit.Id).Select(u => u.ToRecipient())];
            }
        }

        foreach (var (normalized, audience) in roles)
        {
            var inRole = from u in users
                         join ur in db.Set<IdentityUserRole<Guid>>() on u.Id equals ur.UserId
                         join r in db.Set<JiexinRole>() on ur.RoleId equals r.Id
                         where r.NormalizedName == normalized
                         select new Member(u.Id, u.PhoneNumber, u.OrgUnitKind, u.OrgUnitId);
            // One row per account: (user, role) is the join table's key and role names are unique.
            _byAudience[audience] = [.. (await inRole.ToListAsync(ct)).DistinctBy(u => u.Id).Select(u => u.ToRecipient())];
        }

        foreach (var audience in userIds.Values.Concat(units.Select(u => u.Audience)).Concat(roles.Select(r => r.Audience)))
        {
            cache.Remember(audience, _byAudience[audience], generation);
        }
    }

    private sealed record Member(Guid Id, string? PhoneNumber, OrgUnitKind? Kind, Guid? UnitId)
    {
        public Recipient ToRecipient() => new(Id, PhoneNumber, Kind is not null);
    }
}
