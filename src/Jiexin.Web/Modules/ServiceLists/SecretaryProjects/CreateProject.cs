using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jiexin.Modules.ServiceLists.SecretaryProjects;

/// <summary>A secretary's project for a year; the place sets the tier (no place: the street working committee).</summary>
public static class CreateProject
{
    public sealed record MilestoneRequest(string? Title, DateOnly? DueOn);

    public sealed record Request(int? Year, Guid? CommunityId, Guid? GridId, string? Title, string? SecretaryName, string? Goals, IReadOnlyList<MilestoneRequest>? Milestones = null);

    public sealed record Outcome(ProjectDto? Project, IDictionary<string, string[]>? Errors = null, bool Forbidden = false);

    public sealed class Handler(JiexinDbContext db, ListAccess lists, ProjectReader reader, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Request r, ClaimsPrincipal user, CancellationToken ct)
        {
            var errors = new ItemWriter.Errors();
            if (r.Year is not (>= 2020 and <= 2100))
            {
                errors.Add("year", "请填写年度，例如 2026。");
            }

            var community = r.CommunityId;
            if (r.GridId is { } grid)
            {
                var owner = lists.CommunityOfGrid(grid);
                if (owner is null || (community is { } c && c != owner))
                {
                    errors.Add("gridId", "所选网格不属于该村社区。");
                }

                community = owner;
            }
            else if (community is { } c && lists.PlaceName(c, null) == "—")
            {
                errors.Add("communityId", "未找到该村社区。");
            }

            CheckText(errors, "title", r.Title, 2, 100, "请填写项目名称（2–100 个字）。");
            CheckText(errors, "secretaryName", r.SecretaryName, 1, 64, "请填写书记姓名。");
            CheckText(errors, "goals", r.Goals, 2, 4000, "请填写项目目标（不超过 4000 字）。");
            var milestones = r.Milestones ?? [];
            for (var i = 0; i < milestones.Count; i++)
            {
                if (ItemWriter.Blank(milestones[i].Title) is not { Length: <= 100 } || milestones[i].DueOn is null)
                {
                    errors.Add($"milestones[{i}]", "每个节点须有名称（不超过 100 字）和完成时间。");
                }
            }

            if (errors.Count > 0)
            {
                return new(null, errors);
            }

            if (!await lists.CanActOnAsync(user, lists.HomeOf(community, r.GridId)))
            {
                return new(null, Forbidden: true);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var project = new SecretaryProject
            {
                Id = Guid.CreateVersion7(now),
                Year = r.Year!.Value,
                Tier = SecretaryProject.TierOf(community, r.GridId),
                CommunityId = community,
                GridId = r.GridId,
                Title = r.Title!.Trim(),
                SecretaryName = r.SecretaryName!.Trim(),
                Goals = r.Goals!.Trim(),
                CreatedAt = now,
                UpdatedAt = now,
                CreatedByName = ListAccess.ActorName(user),
            };
            project.Milestones.AddRange(milestones.Select(m => new ProjectMilestone { Id = Guid.CreateVersion7(now), ProjectId = project.Id, Title = m.Title!.Trim(), DueOn = m.DueOn!.Value }));
            db.Add(project);
            await db.SaveChangesAsync(ct);
            return new(await reader.ToDtoAsync(project, user, ct));
        }

        internal static void CheckText(ItemWriter.Errors errors, string field, string? value, int min, int max, string message)
        {
            var text = ItemWriter.Blank(value);
            if (text is null || text.Length < min || text.Length > max)
            {
                errors.Add(field, message);
            }
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder projects) =>
        projects.MapPost("/", async Task<Results<Created<ProjectDto>, ValidationProblem, ProblemHttpResult>> (
                Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var o = await handler.Handle(body, user, ct);
                if (o.Errors is { } errors)
                {
                    return TypedResults.ValidationProblem(errors, title: "提交的数据有误");
                }

                return o.Forbidden
                    ? TypedResults.Problem(detail: "您无权为该单位创建书记项目。", statusCode: 403, title: Problems.TitleFor(403))
                    : TypedResults.Created($"/api/v1/secretary-projects/{o.Project!.Id}", o.Project);
            })
            .WithName("ServiceLists.CreateProject");
}
