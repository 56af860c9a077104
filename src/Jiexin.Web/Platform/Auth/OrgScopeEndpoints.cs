using Jiexin.Data;
using Jiexin.Platform.Http;

namespace Jiexin.Platform.Auth;

/// <summary>
/// <see cref="IOrgScope"/> as a minimal-API endpoint filter: the endpoint runs only when the user may act on the
/// unit the request is about; otherwise 404 (no such unit or item) or 403, both problem+json.
/// </summary>
public static class OrgScopeEndpoints
{
    /// <summary>
    /// Guards an endpoint with the unit its request is about. <paramref name="unitOf"/> finds that unit, usually by
    /// loading the item named in the route (<c>ctx.HttpContext.GetRouteValue("id")</c>); null means "no such item".
    /// </summary>
    public static TBuilder RequireOrgScope<TBuilder>(this TBuilder builder, Func<EndpointFilterInvocationContext, ValueTask<OrgUnitRef?>> unitOf)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var unit = await unitOf(ctx);
            var http = ctx.HttpContext;
            if (unit is null || !http.RequestServices.GetRequiredService<IOrgDirectory>().Exists(unit.Value))
            {
                return Problems.NotFound(Localization.Text.T("未找到该对象或其所属组织单元。", "No such item or org unit."));
            }

            if (!await http.RequestServices.GetRequiredService<IOrgScope>().CanActOnAsync(http.User, unit.Value))
            {
                return Forbidden();
            }

            return await next(ctx);
        });

    /// <summary>Guards an endpoint whose route names a unit of a fixed kind, e.g. <c>/grids/{gridId:guid}/...</c>.</summary>
    public static TBuilder RequireOrgScope<TBuilder>(this TBuilder builder, OrgUnitKind kind, string idRouteValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireOrgScope(ctx => ValueTask.FromResult(
            Guid.TryParse(ctx.HttpContext.GetRouteValue(idRouteValue)?.ToString(), out var id) ? new OrgUnitRef(kind, id) : (OrgUnitRef?)null));

    /// <summary>Guards an endpoint whose route names the kind and the id, e.g. <c>/org-units/{kind}/{id:guid}/...</c>.</summary>
    public static TBuilder RequireOrgScope<TBuilder>(this TBuilder builder, string kindRouteValue, string idRouteValue)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireOrgScope(ctx => ValueTask.FromResult(
            Enum.TryParse<OrgUnitKind>(ctx.HttpContext.GetRouteValue(kindRouteValue)?.ToString(), ignoreCase: true, out var kind)
            && Enum.IsDefined(kind)
            && Guid.TryParse(ctx.HttpContext.GetRouteValue(idRouteValue)?.ToString(), out var id)
                ? new OrgUnitRef(kind, id)
                : (OrgUnitRef?)null));

    /// <summary>The 403 problem the filter answers with, for handlers that check a scope themselves.</summary>
    public static IResult Forbidden() =>
        TypedResults.Problem(
            detail: Localization.Text.T("您无权处理该组织单元的事项。", "You may not act on items of this org unit."),
            statusCode: StatusCodes.Status403Forbidden,
            title: Problems.TitleFor(403));
}
