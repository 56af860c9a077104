using System.Security.Claims;
using Jiexin.Data;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Modules.ServiceLists.ResidentNeeds;
using Jiexin.Modules.ServiceLists.SecretaryProjects;
using Jiexin.Modules.ServiceLists.Shared;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Calendar;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.ServiceLists.Seed;

/// <summary>
/// Three weeks of 三张清单 in the demo's first community, played like the events (ADR 0046): residents submit needs and
/// a grid visit records one; resources sign up; two service items match resources to needs, one carried out and closed
/// with its needs (销号); a need is closed with the resident told; a need is raised to 四方议事 today; and the
/// community's 书记项目 with its milestones, the first done. Through the real handlers as <c>community01</c> and the
/// residents, on a clock set back to each step; once, on a demo install with no list item (<c>Jiexin:SeedDemoEvents</c>).
/// </summary>
internal sealed class DemoListsSeeder(
    IServiceScopeFactory scopes,
    UserManager<JiexinUser> users,
    IUserClaimsPrincipalFactory<JiexinUser> principals,
    ITerritoryLookup territory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoListsSeeder> logger) : DemoStorySeeder(scopes, users, principals, configuration, clock, logger)
{
    public override int Order => 330; // after the accounts (200) and the demo's 四方议事 (320), which would not play once a topic exists

    protected override string Story => "the demo's 三张清单";

    protected override async Task<bool> AlreadyPlayedAsync(JiexinDbContext db, CancellationToken ct) =>
        await db.Set<ListItem>().AnyAsync(ct) || await db.Set<SecretaryProject>().AnyAsync(ct);

    protected override async Task<bool> PlayAsync(CancellationToken ct)
    {
        if (territory.Communities.FirstOrDefault() is not { } community
            || await PrincipalAsync("community01") is not { } staff
            || await PrincipalAsync("resident01") is not { } resident1
            || await PrincipalAsync("resident02") is not { } resident2)
        {
            return false;
        }

        await PlayAsync(community.Id, territory.GridsOf(community.Id).FirstOrDefault()?.Id, staff, resident1, resident2, ct);
        return true;
    }

    private async Task PlayAsync(Guid communityId, Guid? gridId, ClaimsPrincipal staff, ClaimsPrincipal resident1, ClaimsPrincipal resident2, CancellationToken ct)
    {
        // 治理资源清单: who can help, and with what.
        var volunteers = await CreateAsync(At(20, 9.5), staff, new(ListKind.Resource, CommunityId: communityId, Title: "“银龄”志愿服务队",
            Description: "社区退休党员和低龄老人组成的志愿服务队。", OwnerName: "社区 刘建华", Deadline: EndOfYear(),
            ResourceKind: ResourceKind.VolunteerTeam, Offer: "助餐送餐、陪同就医、上门探访独居老人。", Categories: ["养老助老", "医疗健康"], Capacity: 30,
            ContactName: "周红梅", ContactPhone: "13912345678"), ct);
        var students = await CreateAsync(At(20, 10), staff, new(ListKind.Resource, CommunityId: communityId, Title: "高校社会工作专业实践团",
            OwnerName: "社区 刘建华", Deadline: EndOfYear(), ResourceKind: ResourceKind.University,
            Offer: "四点半课堂课业辅导、青少年心理疏导小组活动。", Categories: ["儿童关爱", "心理疏导"], Capacity: 40, ContactName: "吴老师"), ct);
        await CreateAsync(At(19, 14), staff, new(ListKind.Resource, CommunityId: communityId, Title: "供电公司党员服务队",
            OwnerName: "社区 刘建华", Deadline: EndOfYear(), ResourceKind: ResourceKind.MunicipalUnit,
            Offer: "楼道线路和公共照明检修、用电安全宣传。", Categories: ["便民维修"], Capacity: 10, ContactName: "钱师傅"), ct);

        // 群众需求清单, and the service items that answer them (服务项目清单).
        var afterSchool = await CreateAsync(At(18, 15), staff, Need(communityId, gridId, "放学后孩子无人看管，希望开设四点半课堂",
            "儿童关爱", NeedSource.Resident, "双职工家庭反映，放学后到家长下班前孩子无人看管。", "社区 刘建华"), ct);
        var meals = await CreateAsync(At(15, 11), staff, Need(communityId, gridId, "独居老人王奶奶行动不便，需要每日送餐上门",
            "养老助老", NeedSource.GridVisit, "网格员走访发现：老人 82 岁，子女在外地，腿脚不便，做饭困难。", "网格员 陈明", "走访记录"), ct);
        var classes = await CreateAsync(At(16, 10), staff, new(ListKind.Service, CommunityId: communityId, GridId: gridId, Title: "四点半课堂",
            Description: "每周一至周五 16:30–18:00 在党群服务中心开展课业辅导。", Category: "儿童关爱", OwnerName: "社区 刘建华",
            ResourceId: students.Id, NeedIds: [afterSchool.Id]), ct);
        await CreateAsync(At(14, 16), staff, new(ListKind.Service, CommunityId: communityId, GridId: gridId, Title: "银龄助餐 · 每日送餐上门",
            Description: "志愿者每天中午从社区助餐点送餐到家，顺带探访。", Category: "养老助老", OwnerName: "志愿服务队 周红梅",
            ResourceId: volunteers.Id, NeedIds: [meals.Id]), ct);
        await CloseAsync(At(5, 18), staff, classes.Id, "已开课 10 次，累计服务 26 名儿童，家长满意度调查 96% 满意。", ct);
        await CloseAsync(At(5, 18.2), staff, afterSchool.Id, "由“四点半课堂”服务项目解决，已开课。", ct);

        // Residents' own needs from the phone: one repaired and closed (the resident is told), one waiting.
        var lights = await SubmitAsync(At(12, 20), resident1, new("楼道灯坏了，晚上老人上下楼看不清", "3 号楼 1 到 6 楼的楼道灯都不亮了，已经一个多星期。",
            "便民维修", communityId, gridId), ct);
        await CloseAsync(At(9, 16), staff, lights, "供电公司党员服务队更换 3 号楼 1–6 层楼道灯 12 盏，已全部恢复照明。", ct);
        await SubmitAsync(At(2, 19), resident2, new("小区健身器材损坏，希望维修更换", "中心广场的两台健身器材螺丝松动，有一台扶手断了，担心老人孩子受伤。",
            "文体活动", communityId, gridId), ct);

        // A need only the four parties can settle goes to 四方议事 (today, by the real clock: the topic is dated as raised).
        var parking = await CreateAsync(At(4, 10), staff, Need(communityId, gridId, "东门电动车乱停放，希望统一规划停放和充电",
            "环境整治", NeedSource.Event, "多名居民通过网格反映，东门通道被电动车占用，消防车无法通行。", "社区 刘建华"), ct);
        var raised = await WithScopeAsync(sp => sp.GetRequiredService<RaiseTopic.RaiseTopic.Handler>().Handle(parking.Id, new(null, null), staff, ct));
        if (raised.Topic is null)
        {
            throw new InvalidOperationException($"Demo need could not be raised: {raised.Failure} {raised.Message}");
        }

        // The community's 书记项目 for the year, its first milestone done.
        var project = await StepAsync<CreateProject.Handler, CreateProject.Outcome>(At(21, 9), h => h.Handle(new(Today.Year, communityId, null,
            "“幸福邻里”老旧小区适老化改造", "陈红", "为 5 号、6 号楼 60 岁以上住户完成楼道扶手和防滑改造；建成社区助餐点，独居老人每日送餐全覆盖。",
            [new("入户调研摸底", Today.AddDays(-10)), new("改造方案提交四方议事", Today.AddDays(10)), new("施工完成并验收", Today.AddDays(45))]), staff, ct),
            o => o.Project is null ? $"{o.Forbidden} {Describe(o.Errors)}" : null);
        var survey = project.Project!.Milestones.OrderBy(m => m.DueOn).First();
        await StepAsync<ChangeProject.Handler, ChangeProject.Outcome>(At(11, 17), h => h.CompleteMilestone(project.Project.Id, survey.Id,
            new(project.Project.Version, Today.AddDays(-11), "入户 126 户，登记需改造楼道 14 个、需助餐老人 9 人。"), staff, ct),
            o => o.Result == ChangeProject.Result.Ok ? null : $"{o.Result} {Describe(o.Errors)}");
    }

    private static ItemRequest Need(Guid communityId, Guid? gridId, string title, string category, NeedSource source, string description, string owner, string? sourceRef = null) =>
        new(ListKind.Need, CommunityId: communityId, GridId: gridId, Title: title, Description: description, Category: category, OwnerName: owner,
            Source: source, SourceRef: sourceRef);

    private DateOnly EndOfYear() => new(Today.Year, 12, 31);

    private static string Describe(IDictionary<string, string[]>? errors) =>
        errors is null ? "" : string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private async Task<ListItemDto> CreateAsync(DateTime at, ClaimsPrincipal user, ItemRequest request, CancellationToken ct)
    {
        // An item belongs to the month it is entered in; a need or a service is promised within 30 days unless the story says otherwise.
        var dated = request.Deadline is null ? request with { Deadline = DateOnly.FromDateTime(ChinaTime.FromUtc(at)).AddDays(30) } : request;
        var outcome = await StepAsync<CreateItem.CreateItem.Handler, CreateItem.CreateItem.Outcome>(at, h => h.Handle(dated, user, ct),
            o => o.Item is null ? $"{request.Title}: {o.Forbidden} {Describe(o.Errors)}" : null);
        return outcome.Item!;
    }

    private async Task<Guid> SubmitAsync(DateTime at, ClaimsPrincipal resident, SubmitNeed.Request request, CancellationToken ct) =>
        (await StepAsync<SubmitNeed.Handler, SubmitNeed.Outcome>(at, h => h.Handle(request, resident, ct),
            o => o.Id is null ? $"{request.Title}: {Describe(o.Errors)}" : null)).Id!.Value;

    private async Task CloseAsync(DateTime at, ClaimsPrincipal user, Guid id, string evidence, CancellationToken ct)
    {
        var version = await WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ListItem>().Where(x => x.Id == id).Select(x => x.Version).SingleAsync(ct));

        await StepAsync<CloseItem.CloseItem.Handler, CloseItem.CloseItem.Outcome>(at, h => h.Handle(id, new(version, evidence), user, ct),
            o => o.Result == CloseItem.CloseItem.Result.Ok ? null : $"{o.Result} {o.Error}");
    }
}
