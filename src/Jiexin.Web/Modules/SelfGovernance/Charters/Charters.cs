using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Charters;

public sealed record CharterVersionDto(int Number, string Text, DateTime AdoptedAt, Guid AmendmentId);

public sealed record AmendmentDto(
    Guid Id, string Title, string Text, string? Rationale, AmendmentStatus Status, string StatusName, string? ProposedBy, DateTime ProposedAt,
    IReadOnlyList<string> Discussion, int? EligibleVoters, int? VotesFor, int? VotesAgainst, int? VotesAbstain, DateTime? DecidedAt, int Version,
    IReadOnlyList<AmendmentAction> Actions);

public sealed record CharterDto(
    Guid Id, Guid CommunityId, string CommunityName, string Title, CharterVersionDto? Current, IReadOnlyList<CharterVersionDto> Versions,
    IReadOnlyList<AmendmentDto> Amendments, bool CanManage);

/// <summary>居民自治章程 over <c>/api/v1/charters</c>: one charter per community, amendments discussed and adopted by a recorded vote.</summary>
public static class CharterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/charters").WithTags("Charter");
        g.MapGet("", async Task<Results<Ok<CharterDto>, ProblemHttpResult>> (Guid communityId, ClaimsPrincipal user, CharterHandler h, CancellationToken ct) =>
                await h.GetAsync(communityId, user, ct) is { } dto ? TypedResults.Ok(dto) : Problems.NotFound("该社区尚未制定居民自治章程。"))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.GetCharter");
        g.MapGet("/published", async Task<Results<Ok<CharterVersionDto>, ProblemHttpResult>> (Guid communityId, CharterHandler h, CancellationToken ct) =>
                await h.PublishedAsync(communityId, ct) is { } v ? TypedResults.Ok(v) : Problems.NotFound("该社区尚无已通过的居民自治章程。"))
            .WithName("SelfGovernance.GetPublishedCharter");
        g.MapPost("", async Task<Results<Ok<CharterDto>, Created<CharterDto>, ValidationProblem, ProblemHttpResult>> (
                CharterHandler.Draft body, ClaimsPrincipal user, CharterHandler h, CancellationToken ct) =>
                (await h.CreateAsync(body, user, ct)).ToHttp(c => $"/api/v1/charters?communityId={c.CommunityId}"))
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.CreateCharter");
        g.MapPost("/{id:guid}/amendments", async Task<Results<Ok<CharterDto>, Created<CharterDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, CharterHandler.Draft body, ClaimsPrincipal user, CharterHandler h, CancellationToken ct) =>
                (await h.ProposeAsync(id, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ProposeAmendment");
        g.MapPost("/amendments/{id:guid}/actions/{action}", async Task<Results<Ok<CharterDto>, Created<CharterDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, CharterHandler.ActRequest body, ClaimsPrincipal user, CharterHandler h, CancellationToken ct) =>
                (await h.ActAsync(id, action, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ActOnAmendment");
    }
}

public sealed class CharterHandler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
{
    public const int MaxText = 20000;

    public sealed record Draft(Guid? CommunityId, string? Title, string? Text, string? Rationale);

    public sealed record ActRequest(int? Version, string? Note = null, int? EligibleVoters = null, int? VotesFor = null, int? VotesAgainst = null, int? VotesAbstain = null);

    private IQueryable<Charter> Load() => db.Set<Charter>().Include(c => c.Versions).Include(c => c.Amendments).AsSplitQuery();

    public async Task<CharterDto?> GetAsync(Guid communityId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await access.CanSeeAsync(user, communityId))
        {
            return null;
        }

        var charter = await Load().AsNoTracking().SingleOrDefaultAsync(c => c.CommunityId == communityId, ct);
        return charter is null ? null : ToDto(charter, await access.CanManageAsync(user, communityId));
    }

    /// <summary>The adopted text residents read (no account needed).</summary>
    public async Task<CharterVersionDto?> PublishedAsync(Guid communityId, CancellationToken ct) =>
        await db.Set<CharterVersion>().AsNoTracking()
            .Where(v => db.Set<Charter>().Any(c => c.Id == v.CharterId && c.CommunityId == communityId))
            .OrderByDescending(v => v.Number)
            .Select(v => new CharterVersionDto(v.Number, v.Text, v.AdoptedAt, v.AmendmentId))
            .FirstOrDefaultAsync(ct);

    /// <summary>Starts a community's charter: its first text is a proposed amendment, adopted by vote like any other.</summary>
    public async Task<Outcome<CharterDto>> CreateAsync(Draft body, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body.CommunityId is not { } communityId || !access.CommunityExists(communityId))
        {
            return Outcome<CharterDto>.Invalid("communityId", "请选择社区。");
        }

        if (!await access.CanManageAsync(user, communityId))
        {
            return Outcome<CharterDto>.Forbidden("该社区不在您的职责范围内。");
        }

        if (Problem(body) is { } problem)
        {
            return problem;
        }

        if (await db.Set<Charter>().AnyAsync(c => c.CommunityId == communityId, ct))
        {
            return Outcome<CharterDto>.Conflict(null, "该社区已有居民自治章程，请提出修订。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var charter = new Charter { Id = Guid.CreateVersion7(now), CommunityId = communityId, Title = body.Title!.Trim(), CreatedAt = now };
        charter.Amendments.Add(NewAmendment(charter, body with { Title = $"制定《{charter.Title}》" }, user, now));
        db.Add(charter);
        await db.SaveChangesAsync(ct);
        return Outcome<CharterDto>.Created(ToDto(charter, true));
    }

    /// <summary>提出修订: the whole new text. One amendment is open at a time, so two drafts never race to be the next version.</summary>
    public async Task<Outcome<CharterDto>> ProposeAsync(Guid id, Draft body, ClaimsPrincipal user, CancellationToken ct)
    {
        var charter = await Load().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (charter is null || !await access.CanSeeAsync(user, charter.CommunityId))
        {
            return Outcome<CharterDto>.NotFound("未找到该章程。");
        }

        if (!await access.CanManageAsync(user, charter.CommunityId))
        {
            return Outcome<CharterDto>.Forbidden("该章程不在您的职责范围内。");
        }

        if (Problem(body) is { } problem)
        {
            return problem;
        }

        if (charter.Amendments.Any(a => a.Status is AmendmentStatus.Proposed or AmendmentStatus.Discussing))
        {
            return Outcome<CharterDto>.Conflict(ToDto(charter, true), "已有一项修订正在审议，请先表决或撤回。");
        }

        charter.Amendments.Add(NewAmendment(charter, body, user, clock.GetUtcNow().UtcDateTime));
        db.Entry(charter).Property(c => c.Version).IsModified = true; // the charter's version guards "one open amendment"
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CharterDto>.Conflict(null, "该章程刚被他人更新，请刷新后再试。");
        }

        return Outcome<CharterDto>.Done(ToDto(charter, true));
    }

    public async Task<Outcome<CharterDto>> ActAsync(Guid amendmentId, string actionName, ActRequest body, ClaimsPrincipal user, CancellationToken ct)
    {
        var charterId = await db.Set<CharterAmendment>().Where(a => a.Id == amendmentId).Select(a => (Guid?)a.CharterId).SingleOrDefaultAsync(ct);
        var charter = charterId is { } cid ? await Load().SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (charter is null || !await access.CanSeeAsync(user, charter.CommunityId))
        {
            return Outcome<CharterDto>.NotFound("未找到该修订。");
        }

        if (!Enum.TryParse<AmendmentAction>(actionName, true, out var action) || !Enum.IsDefined(action))
        {
            return Outcome<CharterDto>.Invalid("action", $"未知的操作：{actionName}。");
        }

        if (body.Version is not { } version)
        {
            return Outcome<CharterDto>.Invalid("version", "请提供您看到的版本号（version）。");
        }

        if (!await access.CanManageAsync(user, charter.CommunityId))
        {
            return Outcome<CharterDto>.Forbidden("该章程不在您的职责范围内。");
        }

        var amendment = charter.Amendments.Single(a => a.Id == amendmentId);
        if (version != amendment.Version)
        {
            return Outcome<CharterDto>.Conflict(ToDto(charter, true), "该修订刚被他人更新，请刷新后再操作。");
        }

        if (body.Note?.Length > 1000)
        {
            return Outcome<CharterDto>.Invalid("note", "意见不超过 1000 字。");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var input = new CharterInput { Note = body.Note, EligibleVoters = body.EligibleVoters, VotesFor = body.VotesFor, VotesAgainst = body.VotesAgainst, VotesAbstain = body.VotesAbstain };
        var result = CharterRules.Amendments.Apply(amendment, action, input, new ActContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", now));
        if (!result.Succeeded)
        {
            return result.Failure == StepFailure.WrongStatus
                ? Outcome<CharterDto>.Conflict(ToDto(charter, true), result.Message!)
                : Outcome<CharterDto>.Invalid(result.Field ?? "note", result.Message!);
        }

        // An adopted amendment becomes the next version of the text (the table's Next decided Adopted from the counts).
        if (amendment.Status == AmendmentStatus.Adopted && charter.Versions.All(v => v.AmendmentId != amendment.Id))
        {
            charter.Versions.Add(new CharterVersion
            {
                Id = Guid.CreateVersion7(now), CharterId = charter.Id, Number = charter.Versions.Count + 1, Text = amendment.Text, AdoptedAt = now, AmendmentId = amendment.Id,
            });
        }

        db.Entry(amendment).Property(a => a.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<CharterDto>.Conflict(null, "该修订刚被他人更新，请刷新后再操作。");
        }

        return Outcome<CharterDto>.Done(ToDto(charter, true));
    }

    private static Outcome<CharterDto>? Problem(Draft body) =>
        string.IsNullOrWhiteSpace(body.Title) || body.Title.Trim().Length > 100 ? Outcome<CharterDto>.Invalid("title", "请填写标题（不超过 100 字）。")
        : string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > MaxText ? Outcome<CharterDto>.Invalid("text", $"请填写章程全文（不超过 {MaxText} 字）。")
        : body.Rationale?.Length > 2000 ? Outcome<CharterDto>.Invalid("rationale", "说明不超过 2000 字。")
        : null;

    private static CharterAmendment NewAmendment(Charter charter, Draft body, ClaimsPrincipal user, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now), CharterId = charter.Id, Title = body.Title!.Trim(), Text = body.Text!.Trim(),
        Rationale = string.IsNullOrWhiteSpace(body.Rationale) ? null : body.Rationale.Trim(), Status = AmendmentStatus.Proposed,
        ProposedBy = user.FindFirst(JiexinClaims.DisplayName)?.Value, ProposedAt = now,
    };

    private CharterDto ToDto(Charter c, bool canManage)
    {
        var versions = c.Versions.OrderByDescending(v => v.Number).Select(v => new CharterVersionDto(v.Number, v.Text, v.AdoptedAt, v.AmendmentId)).ToList();
        return new(c.Id, c.CommunityId, access.CommunityName(c.CommunityId), c.Title, versions.FirstOrDefault(), versions,
            [.. c.Amendments.OrderByDescending(a => a.ProposedAt).Select(a => new AmendmentDto(
                a.Id, a.Title, a.Text, a.Rationale, a.Status, CharterRules.StatusName(a.Status), a.ProposedBy, a.ProposedAt,
                a.Discussion?.Split('\n') ?? [], a.EligibleVoters, a.VotesFor, a.VotesAgainst, a.VotesAbstain, a.DecidedAt, a.Version,
                canManage ? CharterRules.Amendments.Available(a) : []))],
            canManage);
    }
}
