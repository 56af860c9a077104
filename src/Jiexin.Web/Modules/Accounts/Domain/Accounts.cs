using Jiexin.Data;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.Domain;

/// <summary>What the admin screen shows as the account's state (停用 wins over 锁定).</summary>
public enum AccountStatus
{
    Active,
    Disabled,
    Locked,
}

/// <summary>An account as the admin screen and API show it. <see cref="ConcurrencyStamp"/> must come back with an edit.</summary>
public sealed record AccountDto(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Role,
    string? RoleName,
    OrgUnitKind? OrgUnitKind,
    Guid? OrgUnitId,
    string? OrgUnitName,
    AccountStatus Status,
    DateTimeOffset? LockedUntil,
    DateTime CreatedAt,
    string? ConcurrencyStamp);

public static class AccountStatuses
{
    public static AccountStatus Of(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        isDisabled ? AccountStatus.Disabled
        : lockoutEnd is { } end && end > now ? AccountStatus.Locked
        : AccountStatus.Active;

    public static string DisplayName(AccountStatus status) => status switch
    {
        AccountStatus.Active => T("正常", "Active"),
        AccountStatus.Disabled => T("已停用", "Disabled"),
        AccountStatus.Locked => T("已锁定", "Locked"),
        _ => status.ToString(),
    };
}

/// <summary>Reads accounts with their (single) role, for the admin slices.</summary>
internal static class AccountQueries
{
    /// <summary>A member-init shape (not a positional record) so that EF can still filter on its members.</summary>
    public sealed class Row
    {
        public required JiexinUser User { get; init; }

        public string? Role { get; init; }
    }

    public static IQueryable<Row> WithRole(this JiexinDbContext db) =>
        db.Users.AsNoTracking().Select(u => new Row
        {
            User = u,
            Role = db.UserRoles.Where(ur => ur.UserId == u.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
                .OrderBy(n => n)
                .FirstOrDefault(),
        });

    /// <summary>Ids of the accounts locked right now. Few rows ever have a lockout end; comparing it in SQL is not portable (SQLite).</summary>
    public static async Task<Guid[]> LockedIdsAsync(this JiexinDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null)
            .Select(u => new { u.Id, u.LockoutEnd }).ToListAsync(ct);
        return [.. candidates.Where(c => c.LockoutEnd > now).Select(c => c.Id)];
    }

    public static AccountDto ToDto(this JiexinUser user, string? role, IOrgDirectory directory, DateTimeOffset now) => new(
        user.Id,
        user.UserName ?? "",
        user.DisplayName,
        role,
        role is null ? null : Roles.DisplayName(role),
        user.OrgUnitKind,
        user.OrgUnitId,
        user.OrgUnitKind is { } kind && user.OrgUnitId is { } id ? directory.Describe(new OrgUnitRef(kind, id)) : null,
        AccountStatuses.Of(user.IsDisabled, user.LockoutEnd, now),
        user.LockoutEnd is { } end && end > now ? end : null,
        user.CreatedAt,
        user.ConcurrencyStamp);
}
