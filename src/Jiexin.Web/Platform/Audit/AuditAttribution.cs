using System.Runtime.CompilerServices;

namespace Jiexin.Platform.Audit;

/// <summary>
/// Who an entity is saved for, when that is not whoever runs the SaveChanges: a group commit saves several people's
/// intakes in one transaction on a background writer (<see cref="Data.GroupCommitter"/>), and each audit entry must
/// still name the person who made the change. The audit interceptor asks here first, then the ambient actor.
/// </summary>
public static class AuditAttribution
{
    private static readonly ConditionalWeakTable<object, AuditActor> Actors = new();

    public static void ActingFor(object entity, AuditActor actor) => Actors.AddOrUpdate(entity, actor);

    internal static AuditActor? For(object entity) => Actors.TryGetValue(entity, out var actor) ? actor : null;
}
