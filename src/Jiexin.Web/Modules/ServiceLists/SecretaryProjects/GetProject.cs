using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.SecretaryProjects;

/// <summary>One project with milestones, linked items and evaluations.</summary>
public static class GetProject
{
    public sealed class Handler(ProjectReader reader)
    {
        public async Task<ProjectDto?> Handle(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            await reader.LoadAsync(id, ct) is { } p ? await reader.ToDtoAsync(p, user, ct) : null;
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder projects) =>
        projects.MapGet("/{id:guid}", async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                await handler.Handle(id, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("未找到该书记项目。"))
            .WithName("ServiceLists.GetProject");
}

/// <summary>The tree across the three tiers for a year: the street's projects, then each community's, with its grids' below.</summary>
public static class ProjectTree
{
    public sealed record Summary(Guid Id, string Title, ProjectTier Tier, string SecretaryName, int Progress, int MilestonesDone, int MilestonesTotal,
        EvaluationGrade? MidYear, EvaluationGrade? YearEnd);

    public sealed record GridNode(Guid Id, string Name, IReadOnlyList<Summary> Projects);

    public sealed record CommunityNode(Guid Id, string Name, IReadOnlyList<Summary> Projects, IReadOnlyList<GridNode> Grids);

    public sealed record Tree(int Year, string StreetName, IReadOnlyList<Summary> Street, IReadOnlyList<CommunityNode> Communities);

    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory)
    {
        public async Task<Tree> Handle(int year, CancellationToken ct)
        {
            var rows = await db.Set<SecretaryProject>().AsNoTracking().Where(p => p.Year == year)
                .OrderBy(p => p.CreatedAt)
                .Select(p => new
                {
                    p.Id, p.Title, p.Tier, p.SecretaryName, p.CommunityId, p.GridId,
                    Done = p.Milestones.Count(m => m.DoneOn != null),
                    Total = p.Milestones.Count,
                    MidYear = p.Evaluations.Where(e => e.Stage == EvaluationStage.MidYear).Select(e => (EvaluationGrade?)e.Grade).FirstOrDefault(),
                    YearEnd = p.Evaluations.Where(e => e.Stage == EvaluationStage.YearEnd).Select(e => (EvaluationGrade?)e.Grade).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var summaries = rows.Select(p => (p.CommunityId, p.GridId, Summary: new Summary(p.Id, p.Title, p.Tier, p.SecretaryName,
                SecretaryProject.ProgressOf(p.Done, p.Total), p.Done, p.Total, p.MidYear, p.YearEnd))).ToList();
            return new Tree(year, territory.Street?.Name ?? "",
                [.. summaries.Where(s => s.CommunityId is null).Select(s => s.Summary)],
                [.. territory.Communities.Select(c => new CommunityNode(c.Id, c.Name,
                    [.. summaries.Where(s => s.CommunityId == c.Id && s.GridId is null).Select(s => s.Summary)],
                    [.. territory.GridsOf(c.Id)
                        .Select(g => new GridNode(g.Id, g.Name, [.. summaries.Where(s => s.GridId == g.Id).Select(s => s.Summary)]))
                        .Where(g => g.Projects.Count > 0)]))]);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder projects) =>
        projects.MapGet("/", async Task<Ok<Tree>> (int? year, Handler handler, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(year ?? Platform.Calendar.ChinaTime.Today(clock).Year, ct)))
            .WithName("ServiceLists.ProjectTree");
}
