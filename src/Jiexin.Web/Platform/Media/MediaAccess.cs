using System.Security.Claims;

namespace Jiexin.Platform.Media;

/// <summary>
/// A module's answer to "may this user see the photos of this item?", registered per owner kind with
/// <see cref="MediaAccessRegistration.AddMediaAccessRule{TRule}"/>. The media endpoints ask it for every request;
/// a kind without a rule is never served (fail closed).
/// </summary>
public interface IMediaAccessRule
{
    Task<bool> CanViewAsync(ClaimsPrincipal user, MediaOwner owner, CancellationToken ct);
}

public static class MediaAccessRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TRule"/> (scoped: it may use the DbContext and <c>IOrgScope</c>) as the rule for
    /// <paramref name="ownerKind"/>, e.g. in EventsModule: <c>services.AddMediaAccessRule&lt;EventPhotoAccess&gt;("event")</c>.
    /// One rule per kind: a second registration for the same kind throws at start.
    /// </summary>
    public static IServiceCollection AddMediaAccessRule<TRule>(this IServiceCollection services, string ownerKind)
        where TRule : class, IMediaAccessRule
    {
        if (!MediaOwner.IsValidKind(ownerKind))
        {
            throw new ArgumentException($"Media owner kind '{ownerKind}' must be 1-32 characters of a-z, 0-9 and '-'.", nameof(ownerKind));
        }

        var kinds = services.Select(d => d.ImplementationInstance).OfType<MediaAccessRuleKinds>().SingleOrDefault();
        if (kinds is null)
        {
            kinds = new MediaAccessRuleKinds();
            services.AddSingleton(kinds);
        }

        if (!kinds.Add(ownerKind))
        {
            throw new InvalidOperationException($"A media access rule for owner kind '{ownerKind}' is already registered.");
        }

        services.AddKeyedScoped<IMediaAccessRule, TRule>(ownerKind);
        return services;
    }
}

/// <summary>The owner kinds that have a rule (registration bookkeeping: one rule per kind).</summary>
internal sealed class MediaAccessRuleKinds
{
    private readonly HashSet<string> _kinds = new(StringComparer.Ordinal);

    public bool Add(string kind)
    {
        lock (_kinds)
        {
            return _kinds.Add(kind);
        }
    }
}
