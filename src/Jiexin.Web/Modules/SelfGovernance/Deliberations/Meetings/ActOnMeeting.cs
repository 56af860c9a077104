using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Deliberations.Meetings;

/// <summary>
/// Every step of a meeting through <c>POST /api/v1/deliberations/meetings/{id}/actions/{action}</c>, driven by
/// <see cref="DeliberationWorkflow.Meetings"/> (登记参会、召开并记录纪要、取消、形成决议), against the version the caller saw.
/// </summary>
public static class ActOnMeeting
{
    public sealed record Request(int? Version, string? Note = null, string? Minutes = null, IReadOnlyList<AttendeeInput>? Attendees = null, string? Text = null, Guid? TopicId = null);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<Outcome<MeetingDto>> Handle(Guid id, string actionName, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var m = await MeetingDto.Load(db).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (m is null || !await access.CanSeeAsync(user, m.CommunityId))
            {
                return Outcome<MeetingDto>.NotFound("未找到该议事会。");
            }

            if (!Enum.TryParse<MeetingAction>(actionName, true, out var action) || !Enum.IsDefined(action))
            {
                return Outcome<MeetingDto>.Invalid("action", $"未知的操作：{actionName}。");
            }

            if (body.Version is not { } version)
            {
                return Outcome<MeetingDto>.Invalid("version", "请提供您看到的版本号（version）。");
            }

            if (!await access.CanManageAsync(user, m.CommunityId))
            {
                return Outcome<MeetingDto>.Forbidden("该议事会不在您的职责范围内。");
            }

            var today = MeetingDto.ChinaToday(clock);
            if (version != m.Version)
            {
                return Outcome<MeetingDto>.Conflict(MeetingDto.From(m, access, true, today), "该议事会刚被他人更新，请刷新后再操作。");
            }

            if (body.Minutes?.Length > 8000 || body.Text?.Length > 2000 || body.Note?.Length > 500)
            {
                return Outcome<MeetingDto>.Invalid(body.Minutes?.Length > 8000 ? "minutes" : body.Text?.Length > 2000 ? "text" : "note", "内容过长。");
            }

            var input = new DeliberationInput { Note = body.Note, Minutes = body.Minutes, Attendees = body.Attendees, Text = body.Text, TopicId = body.TopicId };
            var context = new ActContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", clock.GetUtcNow().UtcDateTime);
            var result = DeliberationWorkflow.Meetings.Apply(m, action, input, context);
            if (!result.Succeeded)
            {
                return result.Failure == StepFailure.WrongStatus
                    ? Outcome<MeetingDto>.Conflict(MeetingDto.From(m, access, true, today), result.Message!)
                    : Outcome<MeetingDto>.Invalid(result.Field ?? "note", result.Message!);
            }

            // Adding a resolution leaves the meeting row itself unchanged; bump it so a concurrent act still sees a new version.
            db.Entry(m).Property(x => x.Version).OriginalValue = version;
            db.Entry(m).Property(x => x.Version).IsModified = true;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await MeetingDto.Load(db).AsNoTracking().SingleAsync(x => x.Id == id, ct);
                return Outcome<MeetingDto>.Conflict(MeetingDto.From(current, access, true, today), "该议事会刚被他人更新，请刷新后再操作。");
            }

            return Outcome<MeetingDto>.Done(MeetingDto.From(m, access, true, today));
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/meetings/{id:guid}/actions/{action}", async Task<Results<Ok<MeetingDto>, Created<MeetingDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(id, action, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ActOnMeeting");
}

/// <summary>
/// Every step of a resolution through <c>POST /api/v1/deliberations/resolutions/{id}/actions/{action}</c>, driven by
/// <see cref="DeliberationWorkflow.Resolutions"/> (表决、计票、公示、分派任务、任务办结), against the resolution's version.
/// Answers with the whole meeting, as the detail page shows it.
/// </summary>
public static class ActOnResolution
{
    public sealed record Request(
        int? Version, DeliberationParty? Party = null, VoteChoice? Choice = null, string? VoterName = null, string? Title = null,
        string? OwnerName = null, DateOnly? DueOn = null, Guid? TaskId = null, string? Note = null);

    public sealed class Handler(JiexinDbContext db, SelfGovernanceAccess access, TimeProvider clock)
    {
        public async Task<Outcome<MeetingDto>> Handle(Guid id, string actionName, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var r = await db.Set<Resolution>().Include(x => x.Votes).Include(x => x.Tasks).AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (r is null || !await access.CanSeeAsync(user, r.CommunityId))
            {
                return Outcome<MeetingDto>.NotFound("未找到该决议。");
            }

            if (!Enum.TryParse<ResolutionAction>(actionName, true, out var action) || !Enum.IsDefined(action))
            {
                return Outcome<MeetingDto>.Invalid("action", $"未知的操作：{actionName}。");
            }

            if (body.Version is not { } version)
            {
                return Outcome<MeetingDto>.Invalid("version", "请提供您看到的决议版本号（version）。");
            }

            if (!await access.CanManageAsync(user, r.CommunityId))
            {
                return Outcome<MeetingDto>.Forbidden("该决议不在您的职责范围内。");
            }

            if (version != r.Version)
            {
                return await CurrentAsync(r.MeetingId, "该决议刚被他人更新，请刷新后再操作。", ct);
            }

            if (body.Title?.Length > 200 || body.OwnerName?.Length > 50 || body.VoterName?.Length > 50 || body.Note?.Length > 1000)
            {
                return Outcome<MeetingDto>.Invalid(body.Title?.Length > 200 ? "title" : body.OwnerName?.Length > 50 ? "ownerName" : body.VoterName?.Length > 50 ? "voterName" : "note", "内容过长。");
            }

            var input = new DeliberationInput
            {
                Party = body.Party, Choice = body.Choice, VoterName = body.VoterName, Title = body.Title, OwnerName = body.OwnerName,
                DueOn = body.DueOn, TaskId = body.TaskId, Note = body.Note,
            };
            var context = new ActContext(user.GetUserId(), user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "", clock.GetUtcNow().UtcDateTime);
            var result = DeliberationWorkflow.Resolutions.Apply(r, action, input, context);
            if (!result.Succeeded)
            {
                return result.Failure == StepFailure.WrongStatus
                    ? await CurrentAsync(r.MeetingId, result.Message!, ct)
                    : Outcome<MeetingDto>.Invalid(result.Field ?? "note", result.Message!);
            }

            // Votes and tasks are child rows: bump the resolution itself so two clerks never record over each other.
            db.Entry(r).Property(x => x.Version).OriginalValue = version;
            db.Entry(r).Property(x => x.Version).IsModified = true;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return await CurrentAsync(r.MeetingId, "该决议刚被他人更新，请刷新后再操作。", ct);
            }

            db.ChangeTracker.Clear();
            var m = await MeetingDto.Load(db).AsNoTracking().SingleAsync(x => x.Id == r.MeetingId, ct);
            return Outcome<MeetingDto>.Done(MeetingDto.From(m, access, true, MeetingDto.ChinaToday(clock)));
        }

        private async Task<Outcome<MeetingDto>> CurrentAsync(Guid meetingId, string message, CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            var m = await MeetingDto.Load(db).AsNoTracking().SingleAsync(x => x.Id == meetingId, ct);
            return Outcome<MeetingDto>.Conflict(MeetingDto.From(m, access, true, MeetingDto.ChinaToday(clock)), message);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder g) =>
        g.MapPost("/resolutions/{id:guid}/actions/{action}", async Task<Results<Ok<MeetingDto>, Created<MeetingDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, string action, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
                (await handler.Handle(id, action, body, user, ct)).ToHttp())
            .RequireAuthorization(Policies.Staff)
            .WithName("SelfGovernance.ActOnResolution");
}
