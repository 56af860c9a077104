using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Platform.Notifications.Delivery;

/// <summary>An account a notification goes to.</summary>
public sealed record Recipient(Guid UserId, string? PhoneNumber, bool IsStaff);

/// <summary>Turns <see cref="Audience"/> strings into enabled accounts, at delivery time.</summary>
public sealed class RecipientResolver(JiexinDbContext db)
{
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IEnumerable<string> audiences, Guid? exclude, CancellationToken ct)
    {
        var userIds = new HashSet<Guid>();
        var units = new List<(OrgUnitKind Kind, Guid Id)>();
        var roles = new List<string>();
        foreach (var audience in audiences.Distinct(StringComparer.Ordinal))
        {
            var parts = audience.Split(':');
            switch (parts)
            {
                case ["user", var id] when Guid.TryParse(id, out var userId):
                    userIds.Add(userId);
                    break;
                case ["unit", var kind, var id] when Enum.TryParse<OrgUnitKind>(kind, out var k) && Guid.TryParse(id, out var unitId):
                    units.Add((k, unitId));
                    break;
                case ["role", var role]:
                    roles.Add(role.ToUpperInvariant());
                    break;
            }
        }

        var users = db.Set<JiexinUser>().AsNoTracking();
        var found = new Dictionary<Guid, Recipient>();
        void AddAll(IEnumerable<JiexinUser> list)
        {
            foreach (var u in list.Where(u => !u.IsDisabled))
            {
                found[u.Id] = new Recipient(u.Id, u.PhoneNumber, u.OrgUnitKind is not null);
            }
        }

        if (userIds.Count > 0)
        {
            AddAll(await users.Where(u => userIds.Contains(u.Id)).ToListAsync(ct));
        }

        foreach (var (kind, id) in units)
        {
            AddAll(await users.Where(u => u.OrgUnitKind == kind && u.OrgUnitId == id).ToListAsync(ct));
        }

        if (roles.Count > 0)
        {
            var inRoles = from u in users
                          join ur in db.Set<IdentityUserRole<Guid>>() on u.Id equals ur.UserId
                          join r in db.Set<JiexinRole>() on ur.RoleId equals r.Id
                          where roles.Contains(r.NormalizedName!)
                          select u;
            AddAll(await inRoles.Distinct().ToListAsync(ct));
        }

        if (exclude is { } me)
        {
            found.Remove(me);
        }

        return [.. found.Values];
    }
}
