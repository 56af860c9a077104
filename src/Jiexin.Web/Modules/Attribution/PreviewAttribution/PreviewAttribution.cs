using System.ComponentModel;
using Jiexin.Modules.Attribution.Contracts;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Attribution.PreviewAttribution;

/// <summary>
/// POST /api/v1/attribution/preview : "where would this report go, and why" — the category candidates, the words,
/// the grid and the department, exactly as intake would attribute it (same <see cref="IEventAttributor"/>), without
/// creating anything. For the command centre and administrators tuning the taxonomy and rules.
/// </summary>
public static class PreviewAttribution
{
    public const int MaxTextLength = 5000;

    /// <summary>Who may preview: administrators and the command centre.</summary>
    public const string AllowedRoles = $"{Roles.Admin},{Roles.Commander}";

    public sealed record Input(
        [property: Description("What the resident wrote (title and body).")] string? Text,
        [property: Description("WGS-84 latitude, with longitude, to find the grid.")] double? Latitude,
        [property: Description("WGS-84 longitude, with latitude.")] double? Longitude);

    /// <summary>The grid the point fell in and how (Inside, or Nearest within the configured distance).</summary>
    public sealed record LocatedGrid(Guid GridId, string GridName, Guid CommunityId, string CommunityName, string Match, double DistanceMeters);

    public sealed record Response(
        IReadOnlyList<CategoryCandidate> Candidates,
        IReadOnlyList<string> Words,
        DepartmentSuggestion? Department,
        string RoutingReason,
        RoutingSource RoutingSource,
        LocatedGrid? Grid,
        [property: Description("How the place was found, or why there is none.")] string PlaceReason,
        string Model,
        bool IsConfident,
        double Threshold)
    {
        /// <summary>The routing rule that decided the department (null when the category's default or nobody did).</summary>
        public MatchedRule? Rule { get; init; }
    }

    /// <summary>A routing rule as the preview names it; <see cref="Id"/> opens it on the routing page.</summary>
    public sealed record MatchedRule(Guid Id, string CategoryCode, string Scope, int Priority, string? Note);

    public abstract record Result
    {
        public sealed record Preview(Response Response) : Result;

        public sealed record Invalid(Dictionary<string, string[]> Errors) : Result;
    }

    public sealed class Handler(IEventAttributor attributor, IGridLocator locator, Catalog.AttributionCatalog catalog, Routing.AttributionRouter router)
    {
        public async Task<Result> Handle(Input input, CancellationToken ct)
        {
            var errors = Validate(input);
            if (errors.Count > 0)
            {
                return new Result.Invalid(errors);
            }

            LocatedGrid? grid = null;
            string placeReason;
            if (input is { Latitude: { } lat, Longitude: { } lng })
            {
                var location = locator.Locate(lat, lng);
                grid = location is null ? null : new LocatedGrid(
                    location.GridId, location.GridName, location.CommunityId, location.CommunityName, location.Match.ToString(), Math.Round(location.DistanceMeters, 1));
                placeReason = location switch
                {
                    null => "该位置不在本街道的任何网格内，按全街道的规则派单",
                    { Match: GridMatch.Inside } => $"位置在 {location.CommunityName} {location.GridName} 内",
                    _ => $"位置在网格外 {location.DistanceMeters:0} 米，归入最近的 {location.CommunityName} {location.GridName}",
                };
            }
            else
            {
                placeReason = "未提供位置，按全街道的规则派单";
            }

            var attribution = await attributor.AttributeAsync(
                new AttributionRequest(input.Text!, input.Latitude, input.Longitude, grid?.GridId, grid?.CommunityId), ct);
            return new Result.Preview(new Response(
                attribution.Candidates, attribution.Words, attribution.Department, attribution.RoutingReason, attribution.RoutingSource,
                grid, placeReason, attribution.Model, attribution.IsConfident, attribution.Threshold)
            {
                Rule = MatchedRuleOf(attribution),
            });
        }

        /// <summary>The rule the router followed for the first candidate at the place (the same look-up it made).</summary>
        private MatchedRule? MatchedRuleOf(AttributionResult attribution)
        {
            if (attribution.RoutingSource is not (RoutingSource.GridRule or RoutingSource.CommunityRule or RoutingSource.CategoryRule))
            {
                return null;
            }

            var rule = router.FindRule(catalog.Current, attribution.Top.Code, attribution.Place);
            return rule is null ? null : new MatchedRule(
                rule.Id, rule.CategoryCode, rule.GridId is not null ? "网格" : rule.CommunityId is not null ? "社区" : "全街道", rule.Priority, rule.Note);
        }

        private static Dictionary<string, string[]> Validate(Input input)
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(input.Text))
            {
                errors["text"] = ["请填写反映的内容。"];
            }
            else if (input.Text.Length > MaxTextLength)
            {
                errors["text"] = [$"内容最多 {MaxTextLength} 字。"];
            }

            if (input.Latitude is null != input.Longitude is null)
            {
                errors[input.Latitude is null ? "latitude" : "longitude"] = ["经度和纬度须同时填写，或都不填。"];
            }
            else if (input.Latitude is { } lat && !GeoCoordinates.IsValidLatitude(lat))
            {
                errors["latitude"] = ["纬度须在 -90 到 90 之间。"];
            }
            else if (input.Longitude is { } lng && !GeoCoordinates.IsValidLongitude(lng))
            {
                errors["longitude"] = ["经度须在 -180 到 180 之间。"];
            }

            return errors;
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder attribution) =>
        attribution.MapPost("/preview", async Task<Results<Ok<Response>, ValidationProblem>> (Input body, Handler handler, CancellationToken ct) =>
                await handler.Handle(body, ct) switch
                {
                    Result.Preview p => TypedResults.Ok(p.Response),
                    Result.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "提交的数据有误"),
                    _ => throw new InvalidOperationException("unknown result"),
                })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Commander))
            .WithName("Attribution.Preview")
            .WithSummary("试算事件归属：分类候选、关键词、网格与责任部门")
            .WithDescription("Classifies a text (and locates a point) as intake would, without creating an event.");
}
