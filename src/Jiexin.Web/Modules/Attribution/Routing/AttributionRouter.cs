using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Territory.Contracts;

namespace Jiexin.Modules.Attribution.Routing;

/// <summary>The department a 小类 goes to at a place, and why, in words a dispatcher reads.</summary>
public sealed record RoutingDecision(DepartmentSuggestion? Department, string Reason, RoutingSource Source);

/// <summary>
/// Where a report is and who handles it there: shared by every <see cref="IEventAttributor"/> (the keyword
/// baseline now, the trained model later), so routing does not depend on how the category was found.
/// </summary>
public sealed class AttributionRouter(ITerritoryLookup territory, IGridLocator locator)
{
    /// <summary>
    /// The grid and community of a request: the grid given (with its community), else the grid holding the point
    /// given; null when neither is known or the point lies outside the territory.
    /// </summary>
    public AttributionPlace? ResolvePlace(AttributionRequest request)
    {
        if (request.GridId is { } gridId)
        {
            var communities = territory.Communities;
            var ordered = request.CommunityId is { } hint ? communities.OrderByDescending(c => c.Id == hint) : communities.AsEnumerable();
            foreach (var community in ordered)
            {
                if (territory.GridsOf(community.Id).FirstOrDefault(g => g.Id == gridId) is { } grid)
                {
                    return new AttributionPlace(grid.Id, grid.Name, community.Id, community.Name);
                }
            }

            return null;
        }

        if (request is { Latitude: { } lat, Longitude: { } lng }
            && GeoCoordinates.IsValidLatitude(lat) && GeoCoordinates.IsValidLongitude(lng)
            && locator.Locate(lat, lng) is { } location)
        {
            return new AttributionPlace(location.GridId, location.GridName, location.CommunityId, location.CommunityName);
        }

        return null;
    }

    /// <summary>The routing rule that decides a 小类 at a place (the one <see cref="Route"/> follows), or null.</summary>
    public Domain.RoutingRule? FindRule(AttributionSnapshot snapshot, string subcategoryCode, AttributionPlace? place, Guid? communityId = null)
    {
        var departments = territory.Departments;
        return snapshot.Routing.Find(
            subcategoryCode, snapshot.GroupCodeOf(subcategoryCode), place?.GridId, place?.CommunityId ?? communityId, id => departments.Any(d => d.Id == id));
    }

    public RoutingDecision Route(AttributionSnapshot snapshot, CategoryInfo category, AttributionPlace? place, Guid? communityId = null)
    {
        var departments = territory.Departments;
        var rule = FindRule(snapshot, category.Code, place, communityId);
        if (rule is not null)
        {
            var department = departments.First(d => d.Id == rule.DepartmentId);
            var what = rule.CategoryCode == category.Code ? $"小类 {category.SubcategoryName}" : $"大类 {category.CategoryName}";
            var where = RoutingTable.SourceOf(rule) switch
            {
                RoutingSource.GridRule => $" · {place?.CommunityName} {place?.GridName}",
                RoutingSource.CommunityRule => $" · {place?.CommunityName ?? territory.Communities.FirstOrDefault(c => c.Id == rule.CommunityId)?.Name}",
                _ => "",
            };
            return new RoutingDecision(Suggestion(department), $"按规则: {what}{where} → {department.ShortName}", RoutingTable.SourceOf(rule));
        }

        if (category.DefaultDepartmentShortName is not { } shortName)
        {
            return new RoutingDecision(null, $"小类 {category.SubcategoryName} 未设默认责任部门，由指挥中心人工分派", RoutingSource.None);
        }

        if (departments.FirstOrDefault(d => d.ShortName == shortName) is not { } fallback)
        {
            return new RoutingDecision(null, $"小类 {category.SubcategoryName} 的默认部门「{shortName}」不存在，由指挥中心人工分派", RoutingSource.None);
        }

        return new RoutingDecision(Suggestion(fallback), $"按默认: 小类 {category.SubcategoryName} → {fallback.ShortName}", RoutingSource.CategoryDefault);
    }

    private static DepartmentSuggestion Suggestion(OrgUnitSummary department) => new(department.Id, department.Name, department.ShortName);
}
