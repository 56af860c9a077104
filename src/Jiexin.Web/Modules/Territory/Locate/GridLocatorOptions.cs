using System.ComponentModel.DataAnnotations;

namespace Jiexin.Modules.Territory.Locate;

/// <summary>Settings of <see cref="GridLocator"/>, section <c>Jiexin:Territory</c>.</summary>
public sealed class GridLocatorOptions
{
    public const string Section = "Jiexin:Territory";

    /// <summary>
    /// A point outside every grid still belongs to the nearest grid within this many metres (GPS drift, a report
    /// made from the road just outside the street line); farther out it is outside the territory.
    /// </summary>
    [Range(0, 5_000)]
    public double NearestGridMaxMeters { get; set; } = 200;
}
