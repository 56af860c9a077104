using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Disputes.Consultations;

/// <summary>咨询、解答 at the desk: recorded and counted, no case opened.</summary>
public static class RecordConsultation
{
    public sealed record Request(string? Question, string? Answer, string? DisputeType, DisputeChannel? Channel, Guid? CommunityId);

    public sealed record Recorded(Guid Id);

    public sealed class Handler(JiexinDbContext db, ITerritoryLookup territory, TimeProvider clock)
    {
        public async Task<(Recorded? Done, string? Field, string? Error)> Handle(Request body, ClaimsPrincipal user, CancellationToken ct)
        {
            var question = body.Question?.Trim() ?? "";
            if (question.Length is < 2 or > 2000)
            {
                return (null, "question", "请填写咨询内容（不超过 2000 字）。");
            }

            if (body.Answer?.Trim().Length > 2000)
            {
                return (null, "answer", "解答内容不超过 2000 字。");
            }

            var type = string.IsNullOrWhiteSpace(body.DisputeType) ? "other" : body.DisputeType.Trim();
            if (!await db.Set<DisputeType>().AnyAsync(t => t.Code == type || t.Name == type, ct))
            {
                return (null, "disputeType", "纠纷类型不存在。");
            }

            type = await db.Set<DisputeType>().Where(t => t.Code == type || t.Name == type).Select(t => t.Code).FirstAsync(ct);
            if (body.CommunityId is { } c && territory.Communities.All(x => x.Id != c))
            {
                return (null, "communityId", "所选村社区不存在。");
            }

            if (body.Channel == DisputeChannel.ResidentH5)
            {
                return (null, "channel", "咨询由工作人员登记，请选择来访或来电等渠道。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var row = new Consultation
            {
                Id = Guid.CreateVersion7(now), At = now, Channel = body.Channel ?? DisputeChannel.WalkIn, TypeCode = type, Question = question,
                Answer = string.IsNullOrWhiteSpace(body.Answer) ? null : body.Answer.Trim(), CommunityId = body.CommunityId,
                RecordedByUserId = user.GetUserId(), RecordedBy = user.FindFirst(JiexinClaims.DisplayName)?.Value ?? "",
            };
            db.Add(row);
            await db.SaveChangesAsync(ct);
            return (new(row.Id), null, null);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapPost("/consultations", async Task<Results<Created<Recorded>, ValidationProblem>> (Request body, ClaimsPrincipal user, Handler handler, CancellationToken ct) =>
            {
                var (done, field, error) = await handler.Handle(body, user, ct);
                return done is null ? Problems.Validation(field!, error!) : TypedResults.Created($"/api/v1/disputes/consultations/{done.Id}", done);
            })
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.RecordConsultation");
}

/// <summary>Counts of consultations in a period, by type and by channel (for 信息报送 and the analysis page).</summary>
public static class CountConsultations
{
    public sealed record Count(string Key, string Name, int Value);

    public sealed record Counts(DateTime From, DateTime To, int Total, IReadOnlyList<Count> ByType, IReadOnlyList<Count> ByChannel);

    public sealed class Handler(JiexinDbContext db, TimeProvider clock)
    {
        public async Task<Counts> Handle(DateTime? from, DateTime? to, CancellationToken ct)
        {
            var end = to ?? clock.GetUtcNow().UtcDateTime;
            var start = from ?? end.AddDays(-30);
            var rows = await db.Set<Consultation>().AsNoTracking().Where(c => c.At >= start && c.At < end)
                .GroupBy(c => new { c.TypeCode, c.Channel }).Select(g => new { g.Key.TypeCode, g.Key.Channel, N = g.Count() }).ToListAsync(ct);
            var names = await db.Set<DisputeType>().AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, ct);
            return new(start, end, rows.Sum(r => r.N),
                [.. rows.GroupBy(r => r.TypeCode).Select(g => new Count(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Sum(x => x.N))).OrderByDescending(c => c.Value)],
                [.. rows.GroupBy(r => r.Channel).Select(g => new Count(g.Key.ToString(), DisputeRules.ChannelName(g.Key), g.Sum(x => x.N))).OrderByDescending(c => c.Value)]);
        }
    }

    public static RouteHandlerBuilder Map(RouteGroupBuilder disputes) =>
        disputes.MapGet("/consultations/counts", async Task<Ok<Counts>> (DateTime? from, DateTime? to, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.Handle(from, to, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithName("Disputes.CountConsultations");
}
