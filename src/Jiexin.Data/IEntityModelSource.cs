using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Data;

/// <summary>A module's contribution to the shared model: its entity configurations.</summary>
public interface IEntityModelSource
{
    void Apply(ModelBuilder modelBuilder);
}

/// <summary>
/// Applies every <c>IEntityTypeConfiguration</c> of an assembly whose namespace starts with a prefix,
/// so each module owns exactly the configurations under its own namespace.
/// </summary>
public sealed class NamespaceModelSource(Assembly assembly, string namespacePrefix) : IEntityModelSource
{
    public void Apply(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(
            assembly,
            type => type.Namespace is { } ns && (ns == namespacePrefix || ns.StartsWith(namespacePrefix + ".", StringComparison.Ordinal)));
}
