using Jiexin.Platform.Ui.Maps;

namespace Jiexin.Modules.Territory.Contracts;

public static class TerritoryMapAreas
{
    /// <summary>Every grid with a boundary as an area of a place map, grouped (and coloured) by its community.</summary>
    public static IReadOnlyList<MapArea> GridAreas(this ITerritoryLookup territory)
    {
        var communities = territory.Communities.ToDictionary(c => c.Id, c => c.ShortName);
        return [.. territory.GridOutlines.Select(g => new MapArea(
            g.Id,
            g.Name,
            g.BoundaryGeoJson,
            communities.GetValueOrDefault(g.CommunityId)))];
    }
}
