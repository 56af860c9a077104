using Jiexin.Data;
using Jiexin.Modules.Territory.Directory;
using Jiexin.Modules.Territory.Domain;
using Jiexin.Modules.Territory.Grids;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Territory.ImportGrids;

/// <summary>
/// Imports grid boundaries from a GeoJSON FeatureCollection: all features are checked first; any problem and
/// nothing is saved; otherwise every grid is created or replaced in ONE SaveChanges.
/// </summary>
public static class ImportGrids
{
    /// <summary>Largest file accepted: a street's grids are a few hundred kilobytes; 10 MB leaves ample room.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public const string TooLargeMessage = "文件超过 10 MB，无法导入。请拆分文件或简化边界（减少节点）后再试。";

    public sealed record Command(string GeoJson);

    public sealed record Summary(int Created, int Updated);

    public sealed record ErrorItem(int? Feature, string? Name, string Message);

    public abstract record Result
    {
        public sealed record Imported(Summary Summary) : Result;

        public sealed record Invalid(IReadOnlyList<ErrorItem> Errors) : Result;

        public sealed record Conflict(string Message) : Result;
    }

    public sealed class Handler(JiexinDbContext db, TerritoryDirectory directory)
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var communities = await db.Set<Community>().AsNoTracking()
                .Select(c => new GridImportValidator.CommunityRef(c.Id, c.Name))
                .ToListAsync(ct);
            var communityNames = communities.ToDictionary(c => c.Id, c => c.Name);
            var grids = await db.Set<Grid>().ToListAsync(ct);
            var existing = grids
                .Select(g => new GridImportValidator.ExistingGrid(
                    g.Id, g.CommunityId, communityNames.GetValueOrDefault(g.CommunityId, ""), g.Name, g.Code, GridGeometry.TryRead(g.BoundaryGeoJson)))
                .ToList();

            var validation = GridImportValidator.Validate(command.GeoJson, communities, existing);
            if (!validation.IsValid)
            {
                return new Result.Invalid([.. validation.Errors.Select(e => new ErrorItem(e.Feature, e.Name, e.Message))]);
            }

            var byId = grids.ToDictionary(g => g.Id);
            int created = 0, updated = 0;
            foreach (var grid in validation.Grids)
            {
                var boundary = GridGeometry.Write(grid.Boundary);
                if (grid.ReplacesGridId is { } id)
                {
                    var entity = byId[id];
                    entity.Name = grid.Name;
                    entity.Code = grid.Code;
                    entity.CommunityId = grid.CommunityId;
                    entity.BoundaryGeoJson = boundary;
                    updated++;
                }
                else
                {
                    db.Add(new Grid
                    {
                        Id = Guid.CreateVersion7(),
                        CommunityId = grid.CommunityId,
                        Name = grid.Name,
                        Code = grid.Code,
                        BoundaryGeoJson = boundary,
                    });
                    created++;
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result.Conflict("导入期间网格已被他人修改，本次导入未保存，请重新导入。");
            }
            catch (DbUpdateException)
            {
                return new Result.Conflict("保存时与现有网格冲突（例如同一村社区内名称重复），本次导入未保存，请检查后重试。");
            }

            await directory.ReloadAsync(ct);
            return new Result.Imported(new Summary(created, updated));
        }
    }

    /// <summary>The 400 body: a problem with every error, so a client can show them all in a table.</summary>
    public sealed record ErrorsProblem(string Type, string Title, int Status, string Detail, IReadOnlyList<ErrorItem> Errors);

    public static RouteHandlerBuilder Map(RouteGroupBuilder grids) =>
        grids.MapPost("/import", async Task<Results<Ok<Summary>, JsonHttpResult<ErrorsProblem>, ProblemHttpResult>> (
                HttpRequest request, Handler handler, CancellationToken ct) =>
            {
                if (request.ContentLength > MaxFileBytes)
                {
                    return TypedResults.Problem(detail: TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge, title: Problems.TitleFor(413));
                }

                // Read the body ourselves: a malformed file must come back as our Chinese list of errors, not a binding failure.
                var text = await ReadBodyAsync(request, ct);
                if (text is null)
                {
                    return TypedResults.Problem(detail: TooLargeMessage, statusCode: StatusCodes.Status413PayloadTooLarge, title: Problems.TitleFor(413));
                }

                return await handler.Handle(new Command(text), ct) switch
                {
                    Result.Imported ok => TypedResults.Ok(ok.Summary),
                    Result.Invalid invalid => InvalidProblem(invalid.Errors),
                    Result.Conflict conflict => Problems.Conflict(conflict.Message),
                    _ => throw new InvalidOperationException(),
                };
            })
            .RequireAuthorization(Policies.TerritoryEditor)
            .Accepts<object>("application/geo+json", "application/json")
            .WithName("Territory.ImportGrids")
            .WithSummary("导入网格边界（GeoJSON FeatureCollection）");

    private static JsonHttpResult<ErrorsProblem> InvalidProblem(IReadOnlyList<ErrorItem> errors) =>
        TypedResults.Json(
            new ErrorsProblem(
                "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                "网格文件有误，未导入任何网格",
                StatusCodes.Status400BadRequest,
                $"共发现 {errors.Count} 处问题，请修改文件后重新导入。",
                errors),
            contentType: "application/problem+json",
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The body as text, or null when it is larger than <see cref="MaxFileBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // A byte-order mark is common in files saved by Windows tools; it is not part of the JSON.
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}
