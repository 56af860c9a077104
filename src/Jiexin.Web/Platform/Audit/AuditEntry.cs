using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jiexin.Platform.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which item, when and from where. Written only by
/// <see cref="AuditInterceptor"/> (entity changes) and <see cref="IAuditTrail"/> (other actions); never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; init; }

    /// <summary>The acting account; null for anonymous requests and background work.</summary>
    public Guid? UserId { get; init; }

    /// <summary>The acting account's user name, <c>anonymous</c> or <c>system</c>: kept even if the account is renamed.</summary>
    public string UserName { get; init; } = "";

    /// <summary>One of <see cref="AuditActions"/>, or a module's own action name.</summary>
    public string Action { get; init; } = "";

    /// <summary>The entity's CLR name (e.g. <c>JiexinUser</c>, <c>Grid</c>); null for actions on nothing in particular.</summary>
    public string? EntityType { get; init; }

    /// <summary>The entity's key (composite keys joined by a comma).</summary>
    public string? EntityId { get; init; }

    /// <summary>JSON object: property → <c>{"old": …, "new": …}</c>; secrets are written as <c>"***"</c>.</summary>
    public string? Changes { get; init; }

    public string? ClientIp { get; init; }

    public string? UserAgent { get; init; }
}

/// <summary>Action names used by the platform. Modules add their own (e.g. <c>PersonalDataRevealed</c>).</summary>
public static class AuditActions
{
    public const string Created = nameof(Created);
    public const string Updated = nameof(Updated);
    public const string Deleted = nameof(Deleted);
    public const string RoleAdded = nameof(RoleAdded);
    public const string RoleRemoved = nameof(RoleRemoved);
    public const string LoginSucceeded = nameof(LoginSucceeded);
    public const string LoginFailed = nameof(LoginFailed);
    public const string LoggedOut = nameof(LoggedOut);

    public static readonly IReadOnlyList<string> Known = [Created, Updated, Deleted, RoleAdded, RoleRemoved, LoginSucceeded, LoginFailed, LoggedOut];

    public static string DisplayName(string action) => action switch
    {
        Created => Localization.Text.T("新增", "Created"),
        Updated => Localization.Text.T("修改", "Updated"),
        Deleted => Localization.Text.T("删除", "Deleted"),
        RoleAdded => Localization.Text.T("授予角色", "Role added"),
        RoleRemoved => Localization.Text.T("移除角色", "Role removed"),
        LoginSucceeded => Localization.Text.T("登录成功", "Signed in"),
        LoginFailed => Localization.Text.T("登录失败", "Sign-in failed"),
        LoggedOut => Localization.Text.T("退出登录", "Signed out"),
        _ => action,
    };
}

/// <summary>Marks a property whose values must never reach the audit log (written as <c>"***"</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("platform_audit_entries");
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityId).HasMaxLength(128);
        b.Property(x => x.ClientIp).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(256);
        // The admin screen reads newest first and filters by item, by user and by action.
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.HasIndex(x => new { x.UserName, x.OccurredAt });
        b.HasIndex(x => new { x.Action, x.OccurredAt });
    }
}

/// <summary>
/// Rows of this entity are delivery bookkeeping, not business data (outbox rows, in-app notifications): the audit
/// log skips them, or every notification would write a second row for nobody to read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
