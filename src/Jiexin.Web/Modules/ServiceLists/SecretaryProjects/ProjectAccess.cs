using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.ServiceLists.SecretaryProjects;

/// <summary>
/// Every staff member reads every project (the tree is the subdistrict's shared picture); a project is edited by staff
/// whose scope covers its place (a grid branch's only by its grid and the levels above), and evaluated by the tier
/// above: a grid project by its community, a community or street project by the street.
/// </summary>
public sealed class ProjectAccess(IOrgScope scope, ListAccess lists)
{
    public OrgUnitRef HomeOf(SecretaryProject p) => lists.HomeOf(p.CommunityId, p.GridId);

    public OrgUnitRef EvaluatorOf(SecretaryProject p) =>
        p.GridId is not null && p.CommunityId is { } c ? new OrgUnitRef(OrgUnitKind.Community, c) : lists.HomeOf(null, null);

    public Task<bool> CanEditAsync(ClaimsPrincipal user, SecretaryProject p) =>
        ListAccess.IsStaff(user) ? scope.CanActOnAsync(user, HomeOf(p)) : Task.FromResult(false);

    public Task<bool> CanEvaluateAsync(ClaimsPrincipal user, SecretaryProject p) =>
        ListAccess.IsStaff(user) ? scope.CanActOnAsync(user, EvaluatorOf(p)) : Task.FromResult(false);

    public static string Name(ProjectTier tier) => tier switch
    {
        ProjectTier.StreetCommittee => T("街道党工委", "Street working committee"),
        ProjectTier.CommunityBranch => T("村社区党总支", "Community general branch"),
        _ => T("网格党支部", "Grid branch"),
    };

    public static string Name(EvaluationStage stage) => stage == EvaluationStage.MidYear ? T("年中评价", "Mid-year") : T("年终评价", "Year-end");

    public static string Name(EvaluationGrade grade) => grade switch
    {
        EvaluationGrade.Excellent => T("优秀", "Excellent"),
        EvaluationGrade.Good => T("良好", "Good"),
        EvaluationGrade.Fair => T("一般", "Fair"),
        _ => T("较差", "Poor"),
    };
}

/// <summary>A project as the API and pages show it.</summary>
public sealed record ProjectDto(
    Guid Id, int Year, ProjectTier Tier, string TierName, Guid? CommunityId, Guid? GridId, string PlaceName, string Title, string SecretaryName, string Goals,
    int Progress, IReadOnlyList<ProjectDto.Milestone> Milestones, IReadOnlyList<ProjectDto.LinkedItem> Items, IReadOnlyList<ProjectDto.Evaluation> Evaluations,
    bool CanEdit, bool CanEvaluate, int Version)
{
    public sealed record Milestone(Guid Id, string Title, DateOnly DueOn, DateOnly? DoneOn, string? Note);

    public sealed record LinkedItem(Guid Id, ListKind Kind, string Title, ListItemStatus Status, string StatusName);

    public sealed record Evaluation(EvaluationStage Stage, string StageName, EvaluationGrade Grade, string GradeName, string? Comment, string EvaluatedByName, DateTime EvaluatedAt);
}

/// <summary>Loads a project with its parts and shapes it for the caller.</summary>
public sealed class ProjectReader(JiexinDbContext db, ProjectAccess access, ListAccess lists)
{
    public Task<SecretaryProject?> LoadAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var q = db.Set<SecretaryProject>().Include(p => p.Milestones).Include(p => p.Links).Include(p => p.Evaluations).AsSplitQuery();
        return (tracked ? q : q.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    public async Task<ProjectDto> ToDtoAsync(SecretaryProject p, ClaimsPrincipal user, CancellationToken ct)
    {
        var ids = p.Links.Select(l => l.ItemId).ToArray();
        var items = ids.Length == 0 ? [] : await db.Set<ListItem>().AsNoTracking().Where(i => Enumerable.Contains(ids, i.Id))
            .OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.Kind, i.Title, i.Status }).ToListAsync(ct);
        var milestones = p.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id).ToList();
        return new ProjectDto(p.Id, p.Year, p.Tier, ProjectAccess.Name(p.Tier), p.CommunityId, p.GridId, lists.PlaceName(p.CommunityId, p.GridId),
            p.Title, p.SecretaryName, p.Goals, SecretaryProject.ProgressOf(milestones.Count(m => m.DoneOn is not null), milestones.Count),
            [.. milestones.Select(m => new ProjectDto.Milestone(m.Id, m.Title, m.DueOn, m.DoneOn, m.Note))],
            [.. items.Select(i => new ProjectDto.LinkedItem(i.Id, i.Kind, i.Title, i.Status, ListRules.Name(i.Status)))],
            [.. p.Evaluations.OrderBy(e => e.Stage).Select(e => new ProjectDto.Evaluation(e.Stage, ProjectAccess.Name(e.Stage), e.Grade, ProjectAccess.Name(e.Grade), e.Comment, e.EvaluatedByName, e.EvaluatedAt))],
            await access.CanEditAsync(user, p), await access.CanEvaluateAsync(user, p), p.Version);
    }
}
