using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Locate;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.Territory.ListGrids;

/// <summary>
/// GET /api/v1/territory/grids : every grid as a GeoJSON FeatureCollection (RFC 7946), for maps (the console's
/// ECharts grid map calls <see cref="Handler"/> in process) and API clients.
/// </summary>
public static class ListGrids
{
    public const string GeoJsonContentType = "application/geo+json";

    // Chinese names as UTF-8 text rather than \uXXXX escapes: a third smaller and readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The collection as UTF-8 GeoJSON and its entity tag.</summary>
    public sealed record Result(string GeoJson, string ETag);

    /// <summary>
    /// Serialises the directory's grids once per directory snapshot (the map is read far more often than
    /// grids change), keyed by the snapshot's lists: a reload makes new lists and so a new collection.
    /// </summary>
    public sealed class Handler(TerritoryDirectory directory, ILogger<Handler> logger)
    {
        private volatile Cached? _cached;

        public Result Handle()
        {
            var grids = directory.Grids;
            var communities = directory.Communities;
            var cached = _cached;
            if (cached is not null && ReferenceEquals(cached.Grids, grids) && ReferenceEquals(cached.Communities, communities))
            {
                return cached.Result;
            }

            var result = Serialize(grids, communities);
            _cached = new Cached(grids, communities, result);
            return result;
        }

        private Result Serialize(IReadOnlyList<Grid> grids, IReadOnlyList<Community> communities)
        {
            var communityById = communities.ToDictionary(c => c.Id);
            var order = communities.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("type", "FeatureCollection");
                json.WriteStartArray("features");
                // Communities in display order, grids by code inside each: the order lists and legends use.
                foreach (var grid in grids.OrderBy(g => order.GetValueOrDefault(g.CommunityId, int.MaxValue)).ThenBy(g => g.Code, StringComparer.Ordinal))
                {
                    var community = communityById.GetValueOrDefault(grid.CommunityId);
                    json.WriteStartObject();
                    json.WriteString("type", "Feature");
                    json.WriteString("id", grid.Id);
                    json.WriteStartObject("properties");
                    json.WriteString("name", grid.Name);
                    json.WriteString("code", grid.Code);
                    json.WriteString("communityId", grid.CommunityId);
                    json.WriteString("communityName", community?.Name ?? "");
                    json.WriteString("communityCode", community?.Code ?? "");
                    // Grid names repeat across communities (第1网格 ...); maps need a unique region label.
                    json.WriteString("label", community is null ? grid.Name : $"{community.Name} · {grid.Name}");
                    json.WriteEndObject();
                    json.WritePropertyName("geometry");
                    WriteGeometry(json, grid);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            var bytes = buffer.WrittenSpan;
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
            return new Result(Encoding.UTF8.GetString(bytes), etag);
        }

        private void WriteGeometry(Utf8JsonWriter json, Grid grid)
        {
            try
            {
                // Parsed and re-written rather than copied: what goes out is always well-formed RFC 7946.
                JsonSerializer.Serialize(json, GridBoundary.Parse(grid.BoundaryGeoJson), GridBoundary.GeoJsonOptions);
            }
            catch (FormatException e)
            {
                // GeoJSON allows a feature without geometry; the grid still appears in lists.
                logger.LogWarning("Grid {GridCode} ({GridId}) has an unreadable boundary: {Reason}", grid.Code, grid.Id, e.Message);
                json.WriteNullValue();
            }
        }

        private sealed record Cached(IReadOnlyList<Grid> Grids, IReadOnlyList<Community> Communities, Result Result);
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder territory) =>
        territory.MapGet("/grids", Results<ContentHttpResult, StatusCodeHttpResult> (HttpContext http, Handler handler) =>
            {
                var result = handler.Handle();
                http.Response.Headers.ETag = result.ETag;
                http.Response.Headers.CacheControl = "private, no-cache";
                if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(result.ETag)))
                {
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }

                return TypedResults.Text(result.GeoJson, GeoJsonContentType, Encoding.UTF8);
            })
            .WithName("Territory.ListGrids")
            .WithSummary("All grids as a GeoJSON FeatureCollection")
            .Produces<object>(StatusCodes.Status200OK, GeoJsonContentType)
            .Produces(StatusCodes.Status304NotModified);
}
