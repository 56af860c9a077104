using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Data;
using static Jiexin.Modules.Events.Domain.EventAction;

namespace Jiexin.Modules.Events.Seed;

/// <summary>
/// The demo's events, oldest first, each as what happened to it. Places are in 新塍社区 (community01, grid01's first
/// grid) where the community and the grid worker act, and in the other communities where the command centre does.
/// Times are China days back from today and China hours.
/// </summary>
internal static class DemoEventStories
{
    private const string Commander = "commander";
    private const string Community = "community01";
    private const string GridWorker = "grid01";
    private const string Cg = "dept-cg";
    private const string Resident1 = "resident01";
    private const string Resident2 = "resident02";

    public static IReadOnlyList<Func<DemoEventsSeeder.Run, CancellationToken, Task>> All { get; } =
    [
        // 小事不出村: the grid worker finds it on patrol and settles it the same day.
        (r, ct) => InGrid(r, 20, 9.5, "新塍路菜场门口有商贩把水果摊摆到人行道上，行人只能走机动车道，存在安全隐患。", ct),
        (r, ct) => InGrid(r, 19, 14, "3幢楼道里堆了旧沙发和纸箱，堵住了一半的通道，楼上老人上下楼不方便。", ct),
        (r, ct) => Resident(r, 18, 10, Resident1, 0, "小区东门的路灯已经坏了一个星期，晚上一片漆黑，老人出门不安全，希望尽快修好。", 5, "修得很快，谢谢网格员。", ct),
        (r, ct) => ToCg(r, 17, 8.5, Resident2, r.Cast.OtherGrids[0], "景湖路和东方大道路口有人占道卖早点，油烟大，早上高峰堵得走不动。", 4, null, ct),
        (r, ct) => InGrid(r, 16, 15, "新塍路8号旁边绿化带里有人开荒种菜，还浇粪水，气味很大。", ct),
        (r, ct) => ToCg(r, 15, 11, Resident1, r.Cast.OwnGrids[0], "垃圾房旁边的垃圾已经三天没人清运了，天气热，苍蝇很多，味道很重。", 5, "第二天就清掉了。", ct),
        (r, ct) => ByCommunity(r, 14, 9, Resident2, 1, "楼下邻居在楼道里给电动车充电，电线从窗户拉出来，晚上一直充，担心起火。", 5, null, ct),
        (r, ct) => ToCg(r, 13, 16, Resident2, r.Cast.OtherGrids[1], "宜城路边上有大货车撒漏渣土，路面全是泥，下雨天很滑。", 2, "处理得太慢了，第三天才有人来。", ct),
        (r, ct) => InGrid(r, 12, 10, "小区门口的共享单车乱停乱放，占满了盲道。", ct),
        (r, ct) => Corrected(r, 11, 9, "东方大道公交站台附近路面塌陷了一块，下雨积了很深的水，车开过去溅得行人一身。", "0205", ct),
        (r, ct) => ToCg(r, 10, 14.5, Resident1, r.Cast.OwnGrids[1], "景湖路的井盖有一块松动，车压过去哐当响，晚上吵得睡不着。", 4, null, ct),
        (r, ct) => ByCommunity(r, 9, 10, Resident1, 0, "单元门的门禁坏了，陌生人随便进出，物业说要等配件，已经半个月了。", 3, null, ct),
        (r, ct) => Rejected(r, 8, 15, "想咨询一下孩子上小学的学区划分，我们家的房子属于哪个学校？", ct),
        (r, ct) => Overdue(r, 8, 9, r.Cast.OtherGrids[2], "商业街有几家店把广告牌立到了人行道中间，还有人在墙上乱贴小广告。", ct),
        (r, ct) => Whistled(r, 6, 10, "新塍路老旧小区外墙瓷砖脱落，砸到了停在楼下的电动车，下面是小孩上学必经的路，需要城管和住建一起来看。", ct),
        (r, ct) => ToCg(r, 5, 13, Resident2, r.Cast.OtherGrids[3], "晚上十点以后还有烧烤摊在路边营业，油烟和噪音很大，影响休息。", 5, null, ct),
        (r, ct) => Returned(r, 4, 10, "小区里的健身器材坏了，单杠松动，有孩子在上面玩很危险。", ct),
        (r, ct) => Overdue(r, 6, 14, r.Cast.OwnGrids[1], "渭渎河边有人违章搭了一间彩钢板房，越搭越大，占了河道的防汛通道。", ct),
        (r, ct) => AwaitingVerification(r, 3, 9, "新塍路人行道砖松动翘起，已经有老人绊倒了。", ct),
        (r, ct) => Dispatched(r, 2, 11, Resident1, r.Cast.OtherGrids[4], "路边停了一辆报废的面包车，轮胎都瘪了，停了两个多月没人管，占了两个车位。", ct),
        (r, ct) => InGrid(r, 1, 10, "楼道里的消防栓玻璃碎了，里面的水带不见了。", ct),
        (r, ct) => Dispatched(r, 1, 15, Resident2, r.Cast.OtherGrids[5], "小区门口马路上车辆乱停，早上送孩子的车堵成一排，救护车都进不来。", ct),
        (r, ct) => Hotspot(r, ct),
        (r, ct) => Waiting(r, 0, 8.5, Resident1, EventChannel.Resident, r.Cast.OwnGrids[0], "楼上住户经常往下扔烟头和垃圾，晒的衣服被烫了好几个洞。", ct),
        (r, ct) => Waiting(r, 0, 9.2, Commander, EventChannel.Phone, r.Cast.OtherGrids[6], "来电反映：村里的河道里漂着很多死鱼，水面发黑有臭味，怀疑上游有厂偷排污水。", ct),
        (r, ct) => Waiting(r, 0, 9.8, Resident2, EventChannel.Resident, r.Cast.OtherGrids[1], "隔壁装修每天早上七点就开始电钻，周末也不停，能不能管一管。", ct),
        (r, ct) => Waiting(r, 0, 10.4, GridWorker, EventChannel.Patrol, r.Cast.OwnGrids[0], "巡查发现小区北门外一棵大树倾斜，根部松动，台风天有倒伏风险。", ct),
        (r, ct) => Waiting(r, 0, 11, Community, EventChannel.WalkIn, r.Cast.OwnGrids[1], "居民来访：租户在出租屋里住了十几个人，进出人员复杂，邻居很担心。", ct),
    ];

    /// <summary>Patrol, self-handled, verified and closed by the community within hours (tier 1).</summary>
    private static async Task InGrid(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), GridWorker, EventChannel.Patrol, r.Cast.OwnGrids[0], text, ct);
        await s.Then(0.2, GridWorker, SelfHandle, "网格员现场处置。", ct);
        await s.Then(2.5, GridWorker, Handle, "已现场劝导整改，恢复原状。", ct, here: true);
        await s.Then(1.5, Community, VerifyPass, "社区复核已整改到位。", ct);
        await s.Then(0.3, Community, Close, null, ct);
    }

    /// <summary>A resident's report the community gives to its grid worker; closed and rated (tier 1).</summary>
    private static async Task Resident(DemoEventsSeeder.Run r, int daysAgo, double hour, string who, int grid, string text, int rating, string? comment, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), who, EventChannel.Resident, r.Cast.OwnGrids[grid], text, ct);
        await s.Then(0.5, Community, Dispatch, "请网格员联系物业处理。", ct, OrgUnitKind.Grid, s.Grid.Id);
        await s.Then(0.4, GridWorker, Accept, null, ct);
        await s.Then(20, GridWorker, Handle, "已联系物业更换，现场已恢复正常。", ct, here: true);
        await s.Then(2, Community, VerifyPass, "回访居民确认已解决。", ct);
        await s.Then(0.2, Community, Close, null, ct);
        await s.Then(5, who, Rate, comment, ct, rating: rating);
    }

    /// <summary>A resident's report the community handles with its own staff (tier 1, community).</summary>
    private static async Task ByCommunity(DemoEventsSeeder.Run r, int daysAgo, double hour, string who, int grid, string text, int rating, string? comment, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), who, EventChannel.Resident, r.Cast.OwnGrids[grid], text, ct);
        await s.Then(1, Community, SelfHandle, "社区牵头处理。", ct);
        await s.Then(26, Community, Handle, "社区约谈物业与住户，已整改并张贴提示。", ct);
        // grid01 verifies in its own grid; elsewhere in the community the community staff do.
        await s.Then(3, grid == 0 ? GridWorker : Community, VerifyPass, "上门核实已整改。", ct, here: true);
        await s.Then(0.5, Community, Close, null, ct);
        await s.Then(8, who, Rate, comment, ct, rating: rating);
    }

    /// <summary>Dispatched by the command centre to 城管, handled, verified and closed, then rated (tier 2).</summary>
    private static async Task ToCg(DemoEventsSeeder.Run r, int daysAgo, double hour, string who, GridOutline grid, string text, int rating, string? comment, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), who, EventChannel.Resident, grid, text, ct);
        await s.Then(0.6, Commander, Dispatch, "请城管中队核实处置。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
        await s.Then(0.8, Cg, Accept, null, ct);
        await s.Then(rating <= 2 ? 50 : 22, Cg, Handle, "执法队员到场，责令整改并清理完毕。", ct, here: true);
        await s.Then(3, Commander, VerifyPass, "网格员回传照片，核查通过。", ct);
        await s.Then(0.3, Commander, Close, null, ct);
        await s.Then(6, who, Rate, comment, ct, rating: rating);
        if (rating <= 2)
        {
            // 不满意: the command centre reviews it and answers the resident in writing.
            await s.Then(20, Commander, CloseAfterReview, "经核实已于第三日清理完毕，迟缓原因为渣土车辆夜间作业难以当场查处，已与交警建立联合巡查。", ct);
        }
    }

    /// <summary>The model's first choice corrected at triage, then dispatched and closed: shows on 归属质量.</summary>
    private static async Task Corrected(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, string finalCode, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), Commander, EventChannel.Phone, r.Cast.OtherGrids[0], text, ct);
        var category = r.Categories.Find(finalCode);
        await s.Then(0.3, Commander, Triage, "按积水问题研判。", ct,
            categoryCode: category?.Code, categoryName: category is null ? null : $"{category.CategoryName} · {category.SubcategoryName}");
        await s.Then(0.2, Commander, Dispatch, "请城管中队先行排水设警示。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
        await s.Then(0.5, Cg, Accept, null, ct);
        await s.Then(30, Cg, Handle, "已抽排积水并回填路面。", ct);
        await s.Then(2, Commander, VerifyPass, null, ct);
        await s.Then(0.2, Commander, Close, null, ct);
    }

    private static async Task Rejected(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), Resident2, EventChannel.Resident, r.Cast.OwnGrids[1], text, ct);
        await s.Then(1, Commander, Reject, "属于政策咨询，已电话告知居民向教育办公室咨询学区划分。", ct);
    }

    /// <summary>Accepted by 城管 days ago and not yet handled: past its deadline (红牌) once the deadline job runs.</summary>
    private static async Task Overdue(DemoEventsSeeder.Run r, int daysAgo, double hour, GridOutline grid, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), Resident1, EventChannel.Resident, grid, text, ct);
        await s.Then(1, Commander, Dispatch, "请城管中队处置。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
        await s.Then(2, Cg, Accept, null, ct);
    }

    /// <summary>吹哨报到: the grid worker whistles, the command centre summons 城管 and 住建; 城管 checks in and reports its part.</summary>
    private static async Task Whistled(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), GridWorker, EventChannel.Patrol, r.Cast.OwnGrids[0], text, ct);
        await s.Then(0.3, GridWorker, Whistle, "外墙脱落涉及房屋安全和现场管控，网格无法独立处置，申请吹哨。", ct);
        await s.Then(0.2, Commander, Summon, "请城管、住建到场会商。", ct, departments: [r.Cast.Cg.Id, r.Cast.Building.Id]);
        await s.Then(0.4, Cg, CheckIn, null, ct, here: true);
        await s.Then(3, Cg, RecordPart, "已拉设警戒线，清理坠落瓷砖，安排人员现场看护。", ct);
    }

    /// <summary>Returned by 城管 with a reason: waits in the queue for re-dispatch (退单待重派).</summary>
    private static async Task Returned(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), Resident1, EventChannel.Resident, r.Cast.OwnGrids[1], text, ct);
        await s.Then(0.7, Commander, Dispatch, "请城管中队处置。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
        await s.Then(3, Cg, Return, "小区内健身器材由物业管理维护，不属于城管职责，请转社区督促物业。", ct);
    }

    /// <summary>Handled by 城管 yesterday; the grid's verification on site is still to come (待核查).</summary>
    private static async Task AwaitingVerification(DemoEventsSeeder.Run r, int daysAgo, double hour, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), Resident2, EventChannel.Resident, r.Cast.OwnGrids[0], text, ct);
        await s.Then(0.5, Commander, Dispatch, "请城管中队处置。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
        await s.Then(1, Cg, Accept, null, ct);
        await s.Then(24, Cg, Handle, "已重新铺设松动地砖约 12 平方米。", ct, here: true);
    }

    /// <summary>Dispatched to 城管, not yet signed for.</summary>
    private static async Task Dispatched(DemoEventsSeeder.Run r, int daysAgo, double hour, string who, GridOutline grid, string text, CancellationToken ct)
    {
        var s = await r.ReportAsync(At(r, daysAgo, hour), who, EventChannel.Resident, grid, text, ct);
        await s.Then(0.8, Commander, Dispatch, "请核实处置。", ct, OrgUnitKind.Department, r.Cast.Cg.Id);
    }

    /// <summary>
    /// 热点: three people report the same night-market smoke and noise within a day and a few dozen metres, still
    /// waiting — the hotspot page groups them and offers one coordinated task.
    /// </summary>
    private static async Task Hotspot(DemoEventsSeeder.Run r, CancellationToken ct)
    {
        var grid = r.Cast.OtherGrids[2];
        var near = r.PlaceIn(grid);
        await r.ReportAsync(At(r, 1, 21.5), Resident1, EventChannel.Resident, grid, "景湖路夜市的烧烤摊油烟很大，晚上十一点还很吵，影响居民休息。", ct, near);
        await r.ReportAsync(At(r, 1, 22.2), Resident2, EventChannel.Resident, grid, "夜市烧烤摊油烟太大了，窗户都不敢开，晚上很吵睡不着。", ct, near);
        await r.ReportAsync(At(r, 0, 7.8), Commander, EventChannel.Phone, grid, "来电反映：景湖路夜市烧烤摊油烟和噪音扰民，晚上很吵，已持续多日。", ct, near);
    }

    /// <summary>Reported today: waits for triage.</summary>
    private static async Task Waiting(DemoEventsSeeder.Run r, int daysAgo, double hour, string who, EventChannel channel, GridOutline grid, string text, CancellationToken ct) =>
        await r.ReportAsync(At(r, daysAgo, hour), who, channel, grid, text, ct);

    private static DateTime At(DemoEventsSeeder.Run r, int daysAgo, double hour) => DemoStories.At(r.Now, daysAgo, hour);
}
