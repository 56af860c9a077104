using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Act = Jiexin.Modules.Disputes.ActOnDispute.ActOnDispute;
using Register = Jiexin.Modules.Disputes.RegisterDispute.RegisterDispute;

namespace Jiexin.Modules.Disputes.Seed;

/// <summary>
/// A few weeks of the 矛调中心 in the demo, played like the events (ADR 0046): the front-desk mediator registers walk-ins
/// and calls, triages them 全科 to themself, mediates, and closes them with a signed agreement or a failed mediation
/// with guidance; others are still being mediated, waiting for signatures or waiting for triage. Through the real
/// handlers as <c>mediator01</c>, on a clock set back to each step; once, on a demo install with no dispute
/// (<c>Jiexin:SeedDemoEvents</c>).
/// </summary>
internal sealed class DemoDisputesSeeder(
    IServiceScopeFactory scopes,
    UserManager<JiexinUser> users,
    IUserClaimsPrincipalFactory<JiexinUser> principals,
    ITerritoryLookup territory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoDisputesSeeder> logger) : DemoStorySeeder(scopes, users, principals, configuration, clock, logger)
{
    public override int Order => 310; // after the accounts (200) and the rooms (210)

    private sealed record Case(int DaysAgo, double Hour, string Type, string Description, string Applicant, string Respondent, DisputeChannel Channel, Ending Ending, string? Terms = null, string? FollowUp = null);

    private enum Ending
    {
        Waiting,
        Mediating,
        Signing,
        Agreed,
        Failed,
    }

    private static readonly Case[] Cases =
    [
        new(19, 9.5, "neighbour", "楼上卫生间防水层老化漏水，楼下吊顶和墙面发霉，双方就维修和赔偿协商未果。", "王建国", "赵志强", DisputeChannel.WalkIn, Ending.Agreed,
            "赵志强于十日内请专业人员重做卫生间防水。\n赵志强赔偿王建国吊顶及墙面修复费用人民币 2800 元，于协议签署之日起七日内付清。",
            "电话回访王建国：赔偿款已付清，防水已重做，双方无异议。"),
        new(15, 14, "property_service", "业主以电梯长期故障、保洁不到位为由拒交两年物业费，物业公司要求补缴并收取滞纳金。", "刘海涛", "宜兴某物业服务有限公司", DisputeChannel.Phone, Ending.Failed),
        new(11, 10, "labour", "装修工人称包工头拖欠两个月工资共计 1.6 万元，多次讨要未果。", "陈磊", "周明", DisputeChannel.WalkIn, Ending.Agreed,
            "周明于本月二十日前支付陈磊拖欠工资人民币 16000 元。\n陈磊收款后不再就本次工资事宜主张其他权利。"),
        new(7, 15.5, "contract_debt", "朋友借款三万元约定一年归还，已逾期半年，借款人称生意亏损无力一次还清。", "孙丽娟", "马浩然", DisputeChannel.WalkIn, Ending.Signing,
            "马浩然分三期归还孙丽娟借款人民币 30000 元，每期 10000 元，分别于每月月底前支付。"),
        new(4, 9, "marriage_family", "兄妹三人就老人赡养费分担和轮流照顾安排发生争执，老人要求调解。", "张桂兰", "张伟", DisputeChannel.WalkIn, Ending.Mediating),
        new(1, 16, "consumer", "在小区门口理发店办理储值卡 3000 元，店铺突然关门，店主联系不上。", "黄婷", "某美发店经营者", DisputeChannel.Phone, Ending.Waiting),
        new(0, 9.5, "neighbour", "邻居在公共走廊堆放杂物并安装鞋柜，多次沟通无果，双方发生口角。", "吴静", "徐子轩", DisputeChannel.WalkIn, Ending.Waiting),
    ];

    protected override string Story => "the demo's 矛调中心 cases";

    protected override Task<bool> AlreadyPlayedAsync(JiexinDbContext db, CancellationToken ct) => db.Set<Dispute>().AnyAsync(ct);

    protected override async Task<bool> PlayAsync(CancellationToken ct)
    {
        if (await PrincipalAsync("mediator01") is not { } mediator || mediator.GetUserId() is not { } mediatorId
            || territory.Communities.FirstOrDefault() is not { } community)
        {
            return false;
        }

        var grid = territory.GridsOf(community.Id).FirstOrDefault();
        foreach (var c in Cases)
        {
            await PlayAsync(c, mediator, mediatorId, community.Id, grid?.Id, ct);
        }

        return true;
    }

    private async Task PlayAsync(Case c, ClaimsPrincipal mediator, Guid mediatorId, Guid communityId, Guid? gridId, CancellationToken ct)
    {
        var at = At(c.DaysAgo, c.Hour);
        var registered = await StepAsync<Register.Handler, Register.Outcome>(at, h => h.Handle(new Register.Request(
                c.Description, c.Type,
                [new(c.Applicant, PartyRole.Applicant), new(c.Respondent, PartyRole.Respondent, IsOrganisation: c.Respondent.Contains("公司", StringComparison.Ordinal))],
                Channel: c.Channel, CommunityId: communityId, GridId: gridId), mediator, ct),
            o => o.Dispute is null ? string.Join("; ", o.Errors?.SelectMany(e => e.Value) ?? [o.Conflict ?? ""]) : null);
        if (c.Ending == Ending.Waiting)
        {
            return;
        }

        var id = registered.Dispute!.Id;
        var version = await WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().Where(d => d.Id == id).Select(d => d.Version).SingleAsync(ct));
        DisputeDto? current = null;
        async Task Step(double hours, DisputeAction action, Act.Request body)
        {
            at = at.AddHours(hours);
            current = (await StepAsync<Act.Handler, Act.Outcome>(at, h => h.Handle(id, action.ToString(), body with { Version = current?.Version ?? version }, mediator, ct),
                o => o is { Status: Act.Status.Done, Dispute: not null } ? null : $"{action}: {o.Status} {o.Message}")).Dispute!;
        }

        await Step(0.3, DisputeAction.Route, new(null, "全科受理，由前台调解员直接承办。", TriageTier.General, ReceiverKind.Mediator, mediatorId));
        await Step(0.2, DisputeAction.Accept, new(null));
        await Step(0.3, DisputeAction.ScheduleSession, new(null, ScheduledAt: at.AddDays(1), Place: "矛调中心第一调解室", Participants: $"{c.Applicant}、{c.Respondent}"));
        if (c.Ending == Ending.Mediating)
        {
            return;
        }

        var session = current!.Sessions[^1];
        await Step(24, DisputeAction.RecordSession, new(null, SessionId: session.Id, Participants: session.Participants,
            Minutes: "双方陈述了各自诉求，调解员释明相关法律规定，分别做了背对背疏导。"));
        if (c.Ending == Ending.Failed)
        {
            await Step(2, DisputeAction.Fail, new(null, "双方对欠费金额和服务质量分歧较大，经两次调解未能达成一致，已告知可向人民法院起诉。", Guidance: LegalGuidance.Litigation));
            return;
        }

        await Step(1, DisputeAction.Agree, new(null, Terms: c.Terms));
        if (c.Ending == Ending.Agreed)
        {
            await Step(20, DisputeAction.Sign, new(null, SignedOn: DateOnly.FromDateTime(at.AddHours(28))));
            if (c.FollowUp is { } visit)
            {
                await Step((24 * 7) + 2, DisputeAction.RecordFollowUp, new(null, visit, Honoured: true));
            }
        }
    }
}
