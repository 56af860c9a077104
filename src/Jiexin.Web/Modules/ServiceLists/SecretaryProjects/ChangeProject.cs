using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.SecretaryProjects;

/// <summary>
/// Every change to a project — its text, a milestone added or done, its linked items, an evaluation — against the
/// version the editor saw (409 when someone else changed it first). Editing needs scope over the project's place;
/// evaluating needs scope over the tier above.
/// </summary>
public static class ChangeProject
{
    public sealed record UpdateRequest(int? Version, string? Title, string? SecretaryName, string? Goals);

    public sealed record MilestoneRequest(int? Version, string? Title, DateOnly? DueOn);

    public sealed record CompleteRequest(int? Version, DateOnly? DoneOn, string? Note);

    public sealed record LinksRequest(int? Version, IReadOnlyList<Guid>? ItemIds);

    public sealed record EvaluationRequest(int? Version, EvaluationStage? Stage, EvaluationGrade? Grade, string? Comment);

    public enum Result { Ok, NotFound, Forbidden, Invalid, Conflict }

    public sealed record Outcome(Result Result, ProjectDto? Project = null, IDictionary<string, string[]>? Errors = null);

    public sealed class Handler(JiexinDbContext db, ProjectAccess access, ProjectReader reader, ListAccess lists, IOrgDirectory directory, TimeProvider clock)
    {
        public Task<Outcome> Update(Guid id, UpdateRequest r, ClaimsPrincipal user, CancellationToken ct) =>
            RunAsync(id, r.Version, user, evaluate: false, ct, (p, errors) =>
            {
                CreateProject.Handler.CheckText(errors, "title", r.Title, 2, 100, "请填写项目名称（2–100 个字）。");
                CreateProject.Handler.CheckText(errors, "secretaryName", r.SecretaryName, 1, 64, "请填写书记姓名。");
                CreateProject.Handler.CheckText(errors, "goals", r.Goals, 2, 4000, "请填写项目目标（不超过 4000 字）。");
                if (errors.Count == 0)
                {
                    (p.Title, p.SecretaryName, p.Goals) = (r.Title!.Trim(), r.SecretaryName!.Trim(), r.Goals!.Trim());
                }

                return Task.CompletedTask;
            });

        public Task<Outcome> AddMilestone(Guid id, MilestoneRequest r, ClaimsPrincipal user, CancellationToken ct) =>
            RunAsync(id, r.Version, user, evaluate: false, ct, (p, errors) =>
            {
                CreateProject.Handler.CheckText(errors, "title", r.Title, 1, 100, "请填写节点名称（不超过 100 字）。");
                if (r.DueOn is null)
                {
                    errors.Add("dueOn", "请选择节点完成时间。");
                }

                if (errors.Count == 0)
                {
                    var milestone = new ProjectMilestone { Id = Guid.CreateVersion7(clock.GetUtcNow()), ProjectId = p.Id, Title = r.Title!.Trim(), DueOn = r.DueOn!.Value };
                    p.Milestones.Add(milestone);
                    db.Add(milestone);
                }

                return Task.CompletedTask;
            });

        public Task<Outcome> CompleteMilestone(Guid id, Guid milestoneId, CompleteRequest r, ClaimsPrincipal user, CancellationToken ct) =>
            RunAsync(id, r.Version, user, evaluate: false, ct, (p, errors) =>
            {
                var milestone = p.Milestones.SingleOrDefault(m => m.Id == milestoneId);
                if (milestone is null)
                {
                    errors.Add("milestoneId", "未找到该节点。");
                }
                else if (ItemWriter.Blank(r.Note)?.Length > 1000)
                {
                    errors.Add("note", "说明不能超过 1000 字。");
                }
                else
                {
                    milestone.DoneOn = r.DoneOn ?? Platform.Calendar.ChinaTime.Today(clock);
                    milestone.Note = ItemWriter.Blank(r.Note);
                }

                return Task.CompletedTask;
            });

        public Task<Outcome> Link(Guid id, LinksRequest r, ClaimsPrincipal user, CancellationToken ct) =>
            RunAsync(id, r.Version, user, evaluate: false, ct, async (p, errors) =>
            {
                var ids = (r.ItemIds ?? []).Distinct().ToArray();
                var items = await db.Set<ListItem>().AsNoTracking().Where(i => Enumerable.Contains(ids, i.Id) && i.Kind != ListKind.Resource).ToListAsync(ct);
                var home = access.HomeOf(p);
                if (items.Count != ids.Length || items.Any(i => !directory.Covers(home, lists.HomeOf(i))))
                {
                    errors.Add("itemIds", "只能关联本项目所在单位的群众需求和服务项目。");
                    return;
                }

                p.Links.RemoveAll(l => !ids.Contains(l.ItemId));
                foreach (var itemId in ids.Where(i => p.Links.All(l => l.ItemId != i)))
                {
                    var link = new ProjectLink { ProjectId = p.Id, ItemId = itemId };
                    p.Links.Add(link);
                    db.Add(link);
                }
            });

        public Task<Outcome> Evaluate(Guid id, EvaluationRequest r, ClaimsPrincipal user, CancellationToken ct) =>
            RunAsync(id, r.Version, user, evaluate: true, ct, (p, errors) =>
            {
                if (r.Stage is not { } stage || !Enum.IsDefined(stage))
                {
                    errors.Add("stage", "请选择年中或年终评价。");
                }

                if (r.Grade is not { } grade || !Enum.IsDefined(grade))
                {
                    errors.Add("grade", "请选择评价等次。");
                }

                if (ItemWriter.Blank(r.Comment)?.Length > 2000)
                {
                    errors.Add("comment", "评语不能超过 2000 字。");
                }

                if (errors.Count == 0)
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var existing = p.Evaluations.SingleOrDefault(e => e.Stage == r.Stage);
                    if (existing is null)
                    {
                        existing = new ProjectEvaluation { Id = Guid.CreateVersion7(now), ProjectId = p.Id, Stage = r.Stage!.Value };
                        p.Evaluations.Add(existing);
                        db.Add(existing);
                    }

                    existing.Grade = r.Grade!.Value;
                    existing.Comment = ItemWriter.Blank(r.Comment);
                    existing.EvaluatedByName = ListAccess.ActorName(user);
                    existing.EvaluatedAt = now;
                }

                return Task.CompletedTask;
            });

        private async Task<Outcome> RunAsync(Guid id, int? version, ClaimsPrincipal user, bool evaluate, CancellationToken ct,
            Func<SecretaryProject, ItemWriter.Errors, Task> change)
        {
            var p = await reader.LoadAsync(id, ct, tracked: true);
            if (p is null)
            {
                return new(Result.NotFound);
            }

            if (!await (evaluate ? access.CanEvaluateAsync(user, p) : access.CanEditAsync(user, p)))
            {
                return new(Result.Forbidden);
            }

            if (version is not { } seen || seen != p.Version)
            {
                return new(Result.Conflict);
            }

            var errors = new ItemWriter.Errors();
            await change(p, errors);
            if (errors.Count > 0)
            {
                return new(Result.Invalid, Errors: errors);
            }

            p.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrent change (version or a second evaluation of the same stage) won.
                return new(Result.Conflict);
            }

            return new(Result.Ok, await reader.ToDtoAsync((await reader.LoadAsync(id, ct))!, user, ct));
        }
    }

    private static Results<Ok<ProjectDto>, ValidationProblem, ProblemHttpResult> ToHttp(Outcome o) => o.Result switch
    {
        Result.Ok => TypedResults.Ok(o.Project!),
        Result.Invalid => TypedResults.ValidationProblem(o.Errors!, title: "提交的数据有误"),
        Result.Conflict => Problems.Conflict("该项目已被他人修改，请刷新后重试。"),
        Result.Forbidden => TypedResults.Problem(detail: "您无权修改或评价该书记项目。", statusCode: 403, title: Problems.TitleFor(403)),
        _ => Problems.NotFound("未找到该书记项目。"),
    };

    public static void Map(RouteGroupBuilder projects)
    {
        projects.MapPut("/{id:guid}", async (Guid id, UpdateRequest body, ClaimsPrincipal user, Handler h, CancellationToken ct) =>
            ToHttp(await h.Update(id, body, user, ct))).WithName("ServiceLists.UpdateProject");
        projects.MapPost("/{id:guid}/milestones", async (Guid id, MilestoneRequest body, ClaimsPrincipal user, Handler h, CancellationToken ct) =>
            ToHttp(await h.AddMilestone(id, body, user, ct))).WithName("ServiceLists.AddMilestone");
        projects.MapPost("/{id:guid}/milestones/{milestoneId:guid}/complete", async (Guid id, Guid milestoneId, CompleteRequest body, ClaimsPrincipal user, Handler h, CancellationToken ct) =>
            ToHttp(await h.CompleteMilestone(id, milestoneId, body, user, ct))).WithName("ServiceLists.CompleteMilestone");
        projects.MapPut("/{id:guid}/items", async (Guid id, LinksRequest body, ClaimsPrincipal user, Handler h, CancellationToken ct) =>
            ToHttp(await h.Link(id, body, user, ct))).WithName("ServiceLists.LinkProjectItems");
        projects.MapPost("/{id:guid}/evaluations", async (Guid id, EvaluationRequest body, ClaimsPrincipal user, Handler h, CancellationToken ct) =>
            ToHttp(await h.Evaluate(id, body, user, ct))).WithName("ServiceLists.EvaluateProject");
    }
}
