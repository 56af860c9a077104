using System.ComponentModel;
using System.Globalization;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Jiexin.Modules.Territory.Locate;

/// <summary>GET /api/v1/territory/locate?lat=&amp;lng= : the grid (and community) of a WGS-84 point.</summary>
public static class LocateGrid
{
    public sealed record LocatedGrid(
        Guid GridId,
        string GridName,
        Guid CommunityId,
        string CommunityName,
        [property: Description("Inside: the point is in the grid; Nearest: outside every grid, this one is the nearest within the configured distance.")]
        string Match,
        [property: Description("Metres from the point to the grid; 0 when inside.")]
        double DistanceMeters);

    /// <summary>
    /// The query is bound as text and parsed here, so "lat=abc" gets a validation problem naming the field
    /// rather than the framework's generic binding failure.
    /// </summary>
    public sealed record Query(
        [property: FromQuery(Name = "lat"), Description("Latitude, WGS-84 decimal degrees, -90 to 90.")] string? Lat,
        [property: FromQuery(Name = "lng"), Description("Longitude, WGS-84 decimal degrees, -180 to 180.")] string? Lng);

    public static RouteHandlerBuilder Map(RouteGroupBuilder territory) =>
        territory.MapGet("/locate", Results<Ok<LocatedGrid>, ValidationProblem, ProblemHttpResult> (
                [AsParameters] Query query, IGridLocator locator) =>
            {
                var errors = new Dictionary<string, string[]>();
                var lat = Parse(query.Lat, "lat", "纬度", 90, errors);
                var lng = Parse(query.Lng, "lng", "经度", 180, errors);
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                var location = locator.Locate(lat, lng);
                if (location is null)
                {
                    return Problems.NotFound("该位置不在本街道的任何网格内。");
                }

                return TypedResults.Ok(new LocatedGrid(
                    location.GridId,
                    location.GridName,
                    location.CommunityId,
                    location.CommunityName,
                    location.Match.ToString(),
                    Math.Round(location.DistanceMeters, 1)));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Bound as text so bad input gets a field-level 400; documented as what clients must send.
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    parameter.Required = true;
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" };
                }

                return Task.CompletedTask;
            })
            .WithName("Territory.LocateGrid")
            .WithSummary("Which grid holds a point")
            .WithDescription("Returns the grid containing the point, or the nearest grid within Jiexin:Territory:NearestGridMaxMeters; 404 outside the territory.");

    private static double Parse(string? text, string field, string label, double limit, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"请提供{label}（{field}）。"];
            return double.NaN;
        }

        // Invariant culture: "31.43", never "31,43". NaN, Infinity and out-of-range values are impossible places.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors[field] = [$"{label}（{field}）必须是数字，单位为度。"];
            return double.NaN;
        }

        if (Math.Abs(value) > limit)
        {
            errors[field] = [$"{label}（{field}）必须在 -{limit} 到 {limit} 之间。"];
            return double.NaN;
        }

        return value;
    }
}
