using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Data;

/// <summary>
/// The one database context of Jiexin. It knows no module: each module contributes its part of the
/// model through an <see cref="IEntityModelSource"/> registered by the module itself.
/// </summary>
public class JiexinDbContext(
    DbContextOptions<JiexinDbContext> options,
    IEnumerable<IEntityModelSource> modelSources)
    : IdentityDbContext<JiexinUser, JiexinRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Data Protection keys (cookies, bearer tokens, antiforgery) live in the database, so tokens survive restarts
    /// and several nodes on one PostgreSQL share them.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// A save of nothing but new rows goes through <see cref="DirectInsertInterceptor"/> (prepared INSERTs, one
    /// transaction) rather than EF's update pipeline. Set by the intake group commit; anything else it cannot write
    /// is left to EF.
    /// </summary>
    public bool InsertsDirectly { get; set; }

    /// <summary>
    /// This context only ever holds whole new graphs, added just before a save and not changed after, and is emptied
    /// after every save (<see cref="ForgetSaves"/>): the intake group commit's writer. Its saves skip the scan for changes
    /// (adding the graphs found everything) and let <see cref="DirectInsertInterceptor"/> end the save instead of
    /// accepting every row for EF's own pass to find nothing — together about a tenth of the one writer's time
    /// (docs/decisions/0023-intake-group-commit.md, session 29).
    /// </summary>
    public bool HoldsOnlyNewGraphs { get; set; }

    private Dictionary<Type, object>? _saveState;

    /// <summary>
    /// What a SaveChanges interceptor carries from SavingChanges to SavedChanges or SaveChangesFailed, kept on the
    /// context being saved. The interceptors are singletons shared by every context (so the options are built once, not
    /// per scope: rebuilding them was a tenth of the intake's CPU); each keeps its state in a private type
    /// <typeparamref name="T"/> of its own.
    /// </summary>
    public T SaveState<T>()
        where T : class, new()
    {
        _saveState ??= [];
        if (!_saveState.TryGetValue(typeof(T), out var state))
        {
            _saveState[typeof(T)] = state = new T();
        }

        return (T)state;
    }

    /// <summary>
    /// Back to an empty context after a save, for a writer that keeps one context for many saves (the group commit):
    /// nothing tracked, no interceptor state left from the save before.
    /// </summary>
    public void ForgetSaves()
    {
        ChangeTracker.Clear();
        _saveState = null;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's tables get the same lower-case, prefixed naming as the modules' tables.
        builder.Entity<JiexinUser>(b =>
        {
            b.ToTable("identity_users");
            b.Property(u => u.DisplayName).HasMaxLength(64);
            b.Property(u => u.OrgUnitKind).HasConversion<string>().HasMaxLength(16);
        });
        builder.Entity<JiexinRole>().ToTable("identity_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("identity_user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>().ToTable("identity_user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("identity_user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>>().ToTable("identity_role_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("identity_user_tokens");
        builder.Entity<DataProtectionKey>().ToTable("platform_data_protection_keys");

        foreach (var source in modelSources)
        {
            source.Apply(builder);
        }

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IHasVersion).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).Property(nameof(IHasVersion.Version)).IsConcurrencyToken();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        DetectOnceAndBumpVersions();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect; // SkipDetectionAfterInterceptors lasts one save
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        DetectOnceAndBumpVersions();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// For an interceptor that has written and accepted every change itself (<see cref="DirectInsertInterceptor"/>):
    /// EF scans the tracker once more after the interceptors, which then finds nothing (every entry is Unchanged) but
    /// costs a pass over hundreds of rows per group commit. Lasts until the end of this save.
    /// </summary>
    internal void SkipDetectionAfterInterceptors() => ChangeTracker.AutoDetectChangesEnabled = false;

    /// <summary>
    /// One scan for changes before the interceptors run, which then read the tracker without scanning again
    /// (<see cref="ChangeTrackerExtensions.AsDetected{T}"/>).
    /// </summary>
    private void DetectOnceAndBumpVersions()
    {
        if (ChangeTracker.AutoDetectChangesEnabled && !HoldsOnlyNewGraphs)
        {
            ChangeTracker.DetectChanges();
        }

        foreach (var entry in ChangeTracker.AsDetected<IHasVersion>())
        {
            if (entry.State == EntityState.Modified)
            {
                // Through the entry, so the change is marked at once (no second scan needed to see it).
                var version = entry.Property(nameof(IHasVersion.Version));
                version.CurrentValue = entry.Entity.Version + 1;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // UTC everywhere: values are stored as UTC and come back marked as UTC on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
