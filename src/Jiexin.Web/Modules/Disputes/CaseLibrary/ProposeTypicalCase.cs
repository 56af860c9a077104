using System.Globalization;
using System.Security.Claims;
using System.Text;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.CaseLibrary;

/// <summary>
/// 推荐典型案例: staff who see a closed case propose it for the library with the mediator's method notes and tags; its
/// facts, process and outcome are drawn from the case and anonymised (<see cref="CaseAnonymiser"/>) for a person to review.
/// </summary>
public static class ProposeTypicalCase
{
    public sealed record Request(string? MethodNotes, IReadOnlyList<string>? MethodTags = null, string? Title = null);

    public enum Status { Done, NotFound, Invalid, Conflict }

    public sealed record Outcome(Status Status, TypicalCaseDto? Case = null, string? Message = null, string? Field = null, Guid? ExistingId = null);

    public sealed class Handler(JiexinDbContext db, DisputeAccess access, TimeProvider clock)
    {
        public async Task<Outcome> Handle(Guid disputeId, Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var d = await db.Set<Dispute>().AsNoTracking().AsSplitQuery()
                .Include(x => x.Parties).Include(x => x.Sessions).Include(x => x.Meetings).Include(x => x.Referrals)
                .Include(x => x.Agreement).Include(x => x.FollowUps)
                .FirstOrDefaultAsync(x => x.Id == disputeId, ct);
            if (d is null || !DisputeAccess.IsStaff(user) || !await access.CanSeeAsync(user, d))
            {
                return new(Status.NotFound, Message: "未找到该纠纷，或它不在您的职责范围内。");
            }

            if (d.Status != DisputeStatus.Closed)
            {
                return new(Status.Conflict, Message: "只有已结案的纠纷才能推荐为典型案例。");
            }

            if (await db.Set<TypicalCase>().AsNoTracking().Where(c => c.DisputeId == disputeId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct) is { } existing)
            {
                return new(Status.Conflict, Message: "该纠纷已推荐为典型案例。", ExistingId: existing);
            }

            var notes = body.MethodNotes?.Trim() ?? "";
            if (notes.Length < 5 || notes.Length > TypicalCaseRules.MaxText)
            {
                return new(Status.Invalid, Message: $"请写下调解方法心得（5 到 {TypicalCaseRules.MaxText} 字）。", Field: "methodNotes");
            }

            if (TypicalCaseRules.CheckTags(body.MethodTags) is { } tagProblem)
            {
                return new(Status.Invalid, Message: tagProblem, Field: "methodTags");
            }

            if (body.Title?.Trim().Length > TypicalCaseRules.MaxTitle)
            {
                return new(Status.Invalid, Message: $"标题不能超过 {TypicalCaseRules.MaxTitle} 字。", Field: "title");
            }

            var parties = PartiesOf(d);
            string Clean(string text, int max) => TypicalCaseRules.Clip(CaseAnonymiser.Anonymise(text, parties), max);
            var facts = Clean(FactsOf(d), TypicalCaseRules.MaxText);
            var title = string.IsNullOrWhiteSpace(body.Title)
                ? $"{d.TypeName}纠纷：{TypicalCaseRules.Clip(facts.Split('。', '；', '，')[0], 30)}"
                : Clean(body.Title.Trim(), TypicalCaseRules.MaxTitle);
            var now = clock.GetUtcNow().UtcDateTime;
            var c = new TypicalCase
            {
                Id = Guid.CreateVersion7(now),
                DisputeId = d.Id,
                Title = TypicalCaseRules.Clip(title, TypicalCaseRules.MaxTitle),
                Facts = facts,
                Process = Clean(ProcessOf(d), TypicalCaseRules.MaxProcess),
                Result = Clean(ResultOf(d), TypicalCaseRules.MaxText),
                MethodNotes = Clean(notes, TypicalCaseRules.MaxText),
                TypeCode = d.TypeCode,
                TypeName = d.TypeName,
                MethodTags = TypicalCaseRules.StoreTags(body.MethodTags ?? []),
                Status = TypicalCaseStatus.Proposed,
                ProposedByUserId = user.GetUserId(),
                ProposedBy = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "",
                ProposedAt = now,
                UpdatedAt = now,
            };
            c.Words = TypicalCaseRules.WordsOf(c.Title, c.Facts);
            db.Add(c);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two people proposed the same case at once: the unique index keeps one.
                return new(Status.Conflict, Message: "该纠纷已推荐为典型案例。");
            }

            return new(Status.Done, TypicalCaseDto.From(c, user));
        }

        public static IReadOnlyCollection<CaseAnonymiser.Party> PartiesOf(Dispute d) =>
            [.. d.Parties.Select(p => new CaseAnonymiser.Party(p.Name, p.IsOrganisation))];

        private static string Day(DateTime utc) => utc.AddHours(8).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

        private static string FactsOf(Dispute d)
        {
            var b = new StringBuilder(d.Description.Trim());
            if (d.Amount is { } amount)
            {
                b.Append($"（涉及金额 {amount:0.##} 元）");
            }

            if (d.IsGroup)
            {
                b.Append($"（群体性纠纷，涉及 {d.PeopleCount} 人）");
            }

            return b.ToString();
        }

        private static string ProcessOf(Dispute d)
        {
            var lines = new List<string>();
            if (d.Tier is { } tier)
            {
                lines.Add($"受理后按“{DisputeRules.TierName(tier)}”分流办理。");
            }

            foreach (var m in d.Meetings.OrderBy(m => m.HeldAt))
            {
                lines.Add($"{Day(m.HeldAt)}召开案情分析会，查明：{m.Facts}；调解方案：{m.Plan}");
            }

            foreach (var s in d.Sessions.Where(s => s.Minutes is not null).OrderBy(s => s.ScheduledAt))
            {
                lines.Add($"{Day(s.HeldAt ?? s.ScheduledAt)}调解：{s.Minutes}");
            }

            foreach (var r in d.Referrals.OrderBy(r => r.ReferredAt))
            {
                lines.Add($"{Day(r.ReferredAt)}移交{DisputeRules.ReferralName(r.Channel)}。{r.LastProgress}{r.Result}");
            }

            return lines.Count == 0 ? "（请补充调解经过）" : string.Join("\n", lines);
        }

        private static string ResultOf(Dispute d)
        {
            var b = new StringBuilder(d.Outcome is { } o ? DisputeRules.OutcomeName(o) : "已结案");
            if (d.OutcomeNote is { } note)
            {
                b.Append($"：{note}");
            }

            if (d.Agreement is { } a)
            {
                b.Append($"\n协议内容：{a.Terms}");
                if (a.Performance is { } p)
                {
                    b.Append($"\n履行方式：{p}");
                }

                if (a.Judicial == JudicialConfirmation.Confirmed)
                {
                    b.Append("\n协议已经司法确认。");
                }
            }

            if (d.FollowUps.Where(f => f.Honoured is not null).OrderBy(f => f.DueAt).LastOrDefault() is { } visit)
            {
                b.Append(visit.Honoured == true ? "\n回访：协议履行中。" : "\n回访：协议未履行。");
            }

            return b.ToString();
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPost("/{id:guid}/typical-case", async Task<Results<Created<TypicalCaseDto>, ValidationProblem, ProblemHttpResult>> (
                Guid id, Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, body, user, ct);
                return outcome.Status switch
                {
                    Status.Done => TypedResults.Created($"/api/v1/disputes/typical-cases/{outcome.Case!.Id}", outcome.Case),
                    Status.Invalid => Problems.Validation(outcome.Field!, outcome.Message!),
                    Status.Conflict => TypedResults.Problem(detail: outcome.Message, statusCode: StatusCodes.Status409Conflict, title: Problems.TitleFor(409),
                        extensions: new Dictionary<string, object?> { ["existingId"] = outcome.ExistingId }),
                    _ => Problems.NotFound(outcome.Message!),
                };
            })
            .RequireAuthorization(Platform.Auth.Policies.Staff)
            .WithName("Disputes.ProposeTypicalCase");
}
