using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.SelfGovernance.Deliberations.Meetings;
using Jiexin.Modules.SelfGovernance.Deliberations.Topics;
using Jiexin.Modules.SelfGovernance.Domain;
using Jiexin.Modules.SelfGovernance.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.SelfGovernance.Seed;

/// <summary>
/// Two weeks of 四方议事 in the demo's first community, played like the events (ADR 0046): residents propose topics and
/// the community accepts them; a meeting of the four parties is held, its two resolutions voted, carried, published and
/// given tasks, one carried out; a second meeting is planned for next week; a resident's topic waits for acceptance.
/// Through the real handlers as <c>community01</c> and the residents, on a clock set back to each step; once, on a demo
/// install with no topic (<c>Jiexin:SeedDemoEvents</c>).
/// </summary>
internal sealed class DemoDeliberationsSeeder(
    IServiceScopeFactory scopes,
    UserManager<JiexinUser> users,
    IUserClaimsPrincipalFactory<JiexinUser> principals,
    ITerritoryLookup territory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoDeliberationsSeeder> logger) : DemoStorySeeder(scopes, users, principals, configuration, clock, logger)
{
    public override int Order => 320; // after the accounts (200) and the venues (220); before the lists (330), which raise a topic of their own

    protected override string Story => "the demo's 四方议事";

    protected override async Task<bool> AlreadyPlayedAsync(JiexinDbContext db, CancellationToken ct) =>
        await db.Set<DeliberationTopic>().AnyAsync(ct) || await db.Set<DeliberationMeeting>().AnyAsync(ct);

    protected override async Task<bool> PlayAsync(CancellationToken ct)
    {
        if (territory.Communities.FirstOrDefault() is not { } community
            || await PrincipalAsync("community01") is not { } staff
            || await PrincipalAsync("resident01") is not { } resident1
            || await PrincipalAsync("resident02") is not { } resident2)
        {
            return false;
        }

        await PlayAsync(community.Id, staff, resident1, resident2, ct);
        return true;
    }

    private async Task PlayAsync(Guid communityId, ClaimsPrincipal staff, ClaimsPrincipal resident1, ClaimsPrincipal resident2, CancellationToken ct)
    {
        var venueId = await WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<DeliberationVenue>()
            .Where(v => v.CommunityId == communityId && v.IsActive).Select(v => v.Id).FirstAsync(ct));

        // A resident's proposal, accepted by the community the same afternoon; and one the owners' committee brought in.
        var charging = await ProposeAsync(At(14, 10), resident1, new(communityId, "小区增设电动自行车集中充电桩",
            "小区电动自行车越来越多，不少居民从楼上拉飞线充电，楼道里也有停放充电的，存在火灾隐患。建议在空地建集中充电棚，安装智能充电桩。"), ct);
        charging = await ActOnTopicAsync(At(14, 15.5), staff, charging, TopicAction.Accept, ct);
        var garage = await ProposeAsync(At(13, 9.5), staff, new(communityId, "地下车库渗水维修及维修资金使用",
            "雨后地下车库多处渗水，业委会提出申请动用专项维修资金进行防水维修，需四方共同商议维修方案和资金使用。",
            TopicSource.Party, ProposerParty: DeliberationParty.OwnersCommittee, ProposerName: "业委会 孙国平"), ct);

        // The meeting: scheduled a week ahead, held with all four parties present, minutes recorded.
        var meeting = await ScheduleAsync(At(12, 10), staff, new(communityId, "四方议事会：充电桩和车库渗水", venueId, At(6, 19),
            [charging.Id, garage.Id], Attendees), ct);
        meeting = await ActOnMeetingAsync(At(6, 19), staff, meeting, MeetingAction.RecordAttendance, new(null,
            Attendees: [.. Attendees.Select(a => new AttendeeInput(a.Party, a.Name, a.Name != "居民代表 王秀英"))]), ct);
        meeting = await ActOnMeetingAsync(At(6, 21), staff, meeting, MeetingAction.Hold, new(null, Minutes:
            "一、电动自行车充电桩：四方一致认为飞线充电隐患突出，同意在 3 号楼北侧空地建设集中充电棚，由物业公司联系供电部门勘察，费用按使用收费回收。\n" +
            "二、地下车库渗水：业委会介绍维修方案及预算 4.2 万元，物业公司补充施工安排；经讨论同意申请使用专项维修资金，施工前在小区公示。"), ct);
        meeting = await ActOnMeetingAsync(At(6, 21.2), staff, meeting, MeetingAction.AddResolution,
            new(null, Text: "在 3 号楼北侧空地建设电动自行车集中充电棚，安装智能充电桩 20 个，由物业公司负责建设和日常管理。", TopicId: charging.Id), ct);
        meeting = await ActOnMeetingAsync(At(6, 21.3), staff, meeting, MeetingAction.AddResolution,
            new(null, Text: "同意申请使用专项维修资金 4.2 万元维修地下车库防水，施工方案和费用在小区公示七日。", TopicId: garage.Id), ct);

        // Each resolution voted by the four parties, tallied and published; then tasks, the garage's carried out.
        var chargingResolution = meeting.Resolutions.Single(r => r.TopicId == charging.Id).Id;
        var garageResolution = meeting.Resolutions.Single(r => r.TopicId == garage.Id).Id;
        var at = At(6, 21.4);
        foreach (var (resolution, propertyVote) in new[] { (chargingResolution, VoteChoice.For), (garageResolution, VoteChoice.Abstain) })
        {
            foreach (var (party, voter) in Voters)
            {
                at = at.AddMinutes(2);
                meeting = await ActOnResolutionAsync(at, staff, meeting, resolution, ResolutionAction.Vote,
                    new(null, Party: party, Choice: party == DeliberationParty.PropertyCompany ? propertyVote : VoteChoice.For, VoterName: voter), ct);
            }

            at = at.AddMinutes(3);
            meeting = await ActOnResolutionAsync(at, staff, meeting, resolution, ResolutionAction.Tally, new(null), ct);
            meeting = await ActOnResolutionAsync(At(5, 9), staff, meeting, resolution, ResolutionAction.Publish, new(null), ct);
        }

        meeting = await ActOnResolutionAsync(At(5, 10), staff, meeting, chargingResolution, ResolutionAction.AssignTask, new(null,
            Title: "联系供电部门现场勘察，出具充电棚建设方案", OwnerName: "物业公司 张经理", Party: DeliberationParty.PropertyCompany, DueOn: Today.AddDays(-1)), ct);
        meeting = await ActOnResolutionAsync(At(5, 10.1), staff, meeting, chargingResolution, ResolutionAction.AssignTask, new(null,
            Title: "充电棚施工安装并组织居民代表验收", OwnerName: "物业公司 张经理", Party: DeliberationParty.PropertyCompany, DueOn: Today.AddDays(20)), ct);
        meeting = await ActOnResolutionAsync(At(5, 10.2), staff, meeting, garageResolution, ResolutionAction.AssignTask, new(null,
            Title: "办理维修资金使用申请并组织施工", OwnerName: "业委会 孙国平", Party: DeliberationParty.OwnersCommittee, DueOn: Today.AddDays(-2)), ct);
        var survey = meeting.Resolutions.Single(r => r.Id == chargingResolution).Tasks.Single(t => t.DueOn < Today).Id;
        meeting = await ActOnResolutionAsync(At(2, 16), staff, meeting, chargingResolution, ResolutionAction.CloseTask,
            new(null, TaskId: survey, Note: "供电部门已现场勘察，容量满足 20 个充电桩，建设方案已报社区。"), ct);
        var repair = meeting.Resolutions.Single(r => r.Id == garageResolution).Tasks.Single().Id;
        await ActOnResolutionAsync(At(3, 15), staff, meeting, garageResolution, ResolutionAction.CloseTask,
            new(null, TaskId: repair, Note: "维修资金已获批，车库顶板防水施工完成，雨后复查无渗水。"), ct);

        // Next week's meeting on a party's topic; a resident's topic still waiting to be accepted.
        var lift = await ProposeAsync(At(3, 9), staff, new(communityId, "老旧小区加装电梯意见征集",
            "5 号、6 号楼老人较多，部分居民提出加装电梯，需征求高低楼层住户意见并商议费用分摊办法。",
            TopicSource.Party, ProposerParty: DeliberationParty.PartyOrganisation, ProposerName: "社区党委"), ct);
        await ScheduleAsync(At(1, 10), staff, new(communityId, "四方议事会：加装电梯意见征集", venueId,
            ChinaTime.ToUtc(Today.AddDays(4).ToDateTime(new TimeOnly(19, 0))), [lift.Id], Attendees), ct);
        await ProposeAsync(At(1, 20.5), resident2, new(communityId, "广场舞音量过大影响休息",
            "每天晚上七点到九点小区中心广场跳广场舞，音响声音很大，低楼层住户和上夜班的居民休息受影响，希望约定时间和音量。"), ct);
    }

    private static readonly ScheduleMeeting.Invitee[] Attendees =
    [
        new(DeliberationParty.PartyOrganisation, "社区党委书记 陈红"),
        new(DeliberationParty.ResidentsCommittee, "居委会主任 刘建华"),
        new(DeliberationParty.OwnersCommittee, "业委会 孙国平"),
        new(DeliberationParty.PropertyCompany, "物业公司 张经理"),
        new(DeliberationParty.Residents, "居民代表 李国强"),
        new(DeliberationParty.Residents, "居民代表 王秀英"),
    ];

    private static readonly (DeliberationParty Party, string Voter)[] Voters =
    [
        (DeliberationParty.PartyOrganisation, "陈红"),
        (DeliberationParty.ResidentsCommittee, "刘建华"),
        (DeliberationParty.OwnersCommittee, "孙国平"),
        (DeliberationParty.PropertyCompany, "张经理"),
    ];

    private async Task<T> AtAsync<T, THandler>(DateTime at, Func<THandler, Task<Outcome<T>>> step, string what)
        where THandler : notnull =>
        (await StepAsync<THandler, Outcome<T>>(at, step, o => o.Succeeded ? null : $"{what}: {o.Status} {o.Field} {o.Message}")).Value!;

    private Task<TopicDto> ProposeAsync(DateTime at, ClaimsPrincipal user, ProposeTopic.Request request, CancellationToken ct) =>
        AtAsync<TopicDto, ProposeTopic.Handler>(at, h => h.Handle(request, user, ct), $"propose {request.Title}");

    private Task<TopicDto> ActOnTopicAsync(DateTime at, ClaimsPrincipal user, TopicDto topic, TopicAction action, CancellationToken ct) =>
        AtAsync<TopicDto, ActOnTopic.Handler>(at, h => h.Handle(topic.Id, action.ToString(), new(topic.Version), user, ct), $"{action} {topic.Title}");

    private Task<MeetingDto> ScheduleAsync(DateTime at, ClaimsPrincipal user, ScheduleMeeting.Request request, CancellationToken ct) =>
        AtAsync<MeetingDto, ScheduleMeeting.Handler>(at, h => h.Handle(request, user, ct), $"schedule {request.Title}");

    private Task<MeetingDto> ActOnMeetingAsync(DateTime at, ClaimsPrincipal user, MeetingDto meeting, MeetingAction action, ActOnMeeting.Request body, CancellationToken ct) =>
        AtAsync<MeetingDto, ActOnMeeting.Handler>(at, h => h.Handle(meeting.Id, action.ToString(), body with { Version = meeting.Version }, user, ct), $"{action} {meeting.Title}");

    private Task<MeetingDto> ActOnResolutionAsync(
        DateTime at, ClaimsPrincipal user, MeetingDto meeting, Guid resolutionId, ResolutionAction action, ActOnResolution.Request body, CancellationToken ct) =>
        AtAsync<MeetingDto, ActOnResolution.Handler>(at, h => h.Handle(resolutionId, action.ToString(),
            body with { Version = meeting.Resolutions.Single(r => r.Id == resolutionId).Version }, user, ct), $"{action} resolution");
}
