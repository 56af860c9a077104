using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.ActOnDispute;

/// <summary>Each triage path, mediation to a signed agreement or a failure, 五调联动 hand-over and return, over HTTP.</summary>
public abstract class DisputeWorkflowTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    [Fact]
    public async Task General_path_session_minutes_agreement_signed_closes_the_case()
    {
        var (mediator, d) = await _api.MediatingAsync();
        using var owned = mediator;
        Assert.Equal("General", d.GetProperty("tier").GetString());
        Assert.True(d.GetProperty("dueAt").GetDateTime() > d.GetProperty("acceptBy").GetDateTime());

        d = await OkAsync(ActAsync(mediator, d, "ScheduleSession", new { scheduledAt = DateTime.UtcNow.AddDays(1), place = "矛调中心第一调解室", participants = "王某、赵某" }));
        var session = d.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        d = await OkAsync(ActAsync(mediator, d, "RecordSession", new { sessionId = session, minutes = "双方陈述事实，赵某同意赔偿维修费。" }));
        Assert.Equal("双方陈述事实，赵某同意赔偿维修费。", d.GetProperty("sessions")[0].GetProperty("minutes").GetString());

        await ReadAsync(ActAsync(mediator, d, "Agree", new { terms = " " }), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(mediator, d, "Agree", new { terms = "赵某于 2026 年 12 月 10 日前一次性赔偿王某维修费人民币 3000 元。", performance = "银行转账" }));
        Assert.Equal("Signing", d.GetProperty("status").GetString());
        var agreement = d.GetProperty("agreement");
        Assert.Equal($"{d.GetProperty("caseNumber").GetString()}-XY", agreement.GetProperty("number").GetString());
        Assert.False(agreement.GetProperty("isPartial").GetBoolean());

        await ReadAsync(ActAsync(mediator, d, "Sign"), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(mediator, d, "Sign", new { signedOn = "2026-11-29" }));
        Assert.Equal("Closed", d.GetProperty("status").GetString());
        Assert.Equal("Agreement", d.GetProperty("outcome").GetString());
        Assert.Equal("2026-11-29", d.GetProperty("agreement").GetProperty("signedOn").GetString());
        Assert.Equal(["Register", "Route", "Accept", "ScheduleSession", "RecordSession", "Agree", "Sign"],
            d.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()));

        // 回访 scheduled 7 and 30 days after signing; the first visit records that the agreement is honoured.
        var followUps = d.GetProperty("followUps").EnumerateArray().ToList();
        var signedAt = d.GetProperty("closedAt").GetDateTime();
        Assert.Equal([signedAt.AddDays(7), signedAt.AddDays(30)], followUps.Select(f => f.GetProperty("dueAt").GetDateTime()));
        d = await OkAsync(ActAsync(mediator, d, "RecordFollowUp", new { honoured = true, note = "已按约付款" }));
        Assert.True(d.GetProperty("followUps")[0].GetProperty("honoured").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("followUps")[1].GetProperty("visitedAt").ValueKind);

        // 司法确认: requested at a court, then its result.
        await ReadAsync(ActAsync(mediator, d, "RecordJudicialConfirmation", new { confirmed = true }), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(mediator, d, "RequestJudicialConfirmation", new { court = "新庄人民法庭" }));
        Assert.Equal("Requested", d.GetProperty("agreement").GetProperty("judicial").GetString());
        d = await OkAsync(ActAsync(mediator, d, "RecordJudicialConfirmation", new { confirmed = true, note = "（2026）苏0282民特123号" }));
        Assert.Equal("Confirmed", d.GetProperty("agreement").GetProperty("judicial").GetString());
        Assert.Equal("Closed", d.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Specialist_path_to_a_brand_room_is_accepted_by_its_lead_and_unrelated_staff_see_nothing()
    {
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("婆媳矛盾长期不和", "婚姻家庭"));
        var room = await _api.RoomAsync("老娘舅邻里调解室");
        d = await OkAsync(ActAsync(commander, d, "Route", new { tier = "Specialist", receiverKind = "Room", receiverId = room }));
        Assert.Equal("Routed", d.GetProperty("status").GetString());
        Assert.Equal("老娘舅邻里调解室", d.GetProperty("receiverName").GetString());

        using var dept = await app.ClientAsAsync("dept-cg");
        await ReadAsync(dept.GetAsync($"/api/v1/disputes/{Id(d)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(ActAsync(dept, d, "Accept"), HttpStatusCode.NotFound);
        // The command centre sees it but is not the receiver.
        await ReadAsync(ActAsync(commander, d, "Accept"), HttpStatusCode.Forbidden);

        using var mediator = await app.ClientAsAsync("mediator01");
        var seen = await OkAsync(mediator.GetAsync($"/api/v1/disputes/{Id(d)}", Ct));
        Assert.Contains("Accept", Actions(seen));
        d = await OkAsync(ActAsync(mediator, seen, "Accept"));
        Assert.Equal("Mediating", d.GetProperty("status").GetString());
        var queue = await OkAsync(mediator.GetAsync("/api/v1/disputes?status=Mediating&pageSize=100", Ct));
        Assert.Contains(Id(d), queue.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task Joint_path_needs_invited_parties_and_records_the_case_analysis_meeting()
    {
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("征地补偿款分配争议，涉及多户", "征地拆迁", extra: new { peopleCount = 8 }));
        var justice = await _api.DepartmentAsync("司法所");
        var missing = await ReadAsync(ActAsync(commander, d, "Route", new { tier = "Joint", receiverKind = "Department", receiverId = justice.Id }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("invitedParties", out _));

        d = await OkAsync(ActAsync(commander, d, "Route", new { tier = "Joint", receiverKind = "Department", receiverId = justice.Id, invitedParties = "自然资源所、村委会、律师" }));
        using var mediator = await app.ClientAsAsync("mediator01"); // bound to 司法所
        d = await OkAsync(ActAsync(mediator, d, "RecordCaseMeeting", new { participants = "司法所、自然资源所、村委会", facts = "补偿款按户籍人口分配", plan = "先个别谈话，再召开村民代表会" }));
        var meeting = d.GetProperty("meetings")[0];
        Assert.Equal("补偿款按户籍人口分配", meeting.GetProperty("facts").GetString());
        Assert.Equal("先个别谈话，再召开村民代表会", meeting.GetProperty("plan").GetString());
        Assert.Equal("Routed", d.GetProperty("status").GetString());
        d = await OkAsync(ActAsync(mediator, d, "Accept"));
        Assert.Equal("Mediating", d.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Special_path_needs_a_leader_and_a_plan_and_grid_workers_cannot_route()
    {
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("企业欠薪涉及百人", "劳动争议", extra: new { peopleCount = 120 }));
        var mediator = await _api.UserIdAsync("mediator01");
        var noLeader = await ReadAsync(ActAsync(commander, d, "Route", new { tier = "Special", receiverKind = "Mediator", receiverId = mediator, plan = "专班" }), HttpStatusCode.BadRequest);
        Assert.True(noLeader.GetProperty("errors").TryGetProperty("leaderName", out _));
        var noPlan = await ReadAsync(ActAsync(commander, d, "Route", new { tier = "Special", receiverKind = "Mediator", receiverId = mediator, leaderName = "街道分管领导" }), HttpStatusCode.BadRequest);
        Assert.True(noPlan.GetProperty("errors").TryGetProperty("plan", out _));
        d = await OkAsync(ActAsync(commander, d, "Route", new { tier = "Special", receiverKind = "Mediator", receiverId = mediator, leaderName = "街道分管领导", plan = "成立专班，劳动、公安联动" }));
        Assert.Equal("Special", d.GetProperty("tier").GetString());

        var street = await app.ClientAsAsync("grid01");
        var inGrid = await RegisterAsync(street, Body("网格内的纠纷"));
        await ReadAsync(ActAsync(street, inGrid, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = mediator }), HttpStatusCode.Forbidden);

        var unknown = await ReadAsync(ActAsync(commander, inGrid, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("receiverId", out _));
    }

    [Fact]
    public async Task Declined_routing_returns_to_the_desk_and_unknown_actions_or_missing_version_are_400()
    {
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("消费纠纷退款"));
        d = await OkAsync(ActAsync(commander, d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = await _api.UserIdAsync("mediator01") }));
        using var mediator = await app.ClientAsAsync("mediator01");
        await ReadAsync(ActAsync(mediator, d, "Decline"), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(mediator, d, "Decline", new { note = "非本人专业领域" }));
        Assert.Equal("Received", d.GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, d.GetProperty("receiverName").ValueKind);
        // Once declined, the mediator no longer sees it.
        await ReadAsync(mediator.GetAsync($"/api/v1/disputes/{Id(d)}", Ct), HttpStatusCode.NotFound);

        await ReadAsync(ActAsync(commander, d, "Teleport"), HttpStatusCode.BadRequest);
        await ReadAsync(commander.PostAsJsonAsync($"/api/v1/disputes/{Id(d)}/actions/Reject", new { note = "无版本" }, Ct), HttpStatusCode.BadRequest);
        await ReadAsync(ActAsync(commander, d, "RecordReferralProgress", new { note = "未移交" }), HttpStatusCode.Conflict);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Two_people_acting_on_the_same_version_one_wins_the_other_gets_409_with_the_current_case()
    {
        var (mediator, d) = await _api.MediatingAsync("两户共用水管漏水");
        using var owned = mediator;
        using var commander = await app.ClientAsAsync("commander");
        var first = await OkAsync(ActAsync(mediator, d, "ScheduleSession", new { scheduledAt = DateTime.UtcNow.AddDays(2) }));
        var conflict = await ReadAsync(ActAsync(commander, d, "Withdraw", new { note = "申请人撤回" }), HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("version").GetInt32(), conflict.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal("Mediating", conflict.GetProperty("current").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Failed_mediation_records_the_guidance_and_partial_agreement_records_what_is_left()
    {
        var (mediator, d) = await _api.MediatingAsync("工伤赔偿金额争议");
        using var owned = mediator;
        var noGuidance = await ReadAsync(ActAsync(mediator, d, "Fail", new { note = "差距过大" }), HttpStatusCode.BadRequest);
        Assert.True(noGuidance.GetProperty("errors").TryGetProperty("guidance", out _));
        d = await OkAsync(ActAsync(mediator, d, "Fail", new { guidance = "LabourArbitration", note = "双方差距过大，引导申请劳动仲裁" }));
        Assert.Equal("Closed", d.GetProperty("status").GetString());
        Assert.Equal("Failed", d.GetProperty("outcome").GetString());
        Assert.Equal("LabourArbitration", d.GetProperty("guidance").GetString());

        var (mediator2, p) = await _api.MediatingAsync("房屋租赁押金和维修费");
        using var owned2 = mediator2;
        var noRest = await ReadAsync(ActAsync(mediator2, p, "PartiallyAgree", new { terms = "退还押金 2000 元" }), HttpStatusCode.BadRequest);
        Assert.True(noRest.GetProperty("errors").TryGetProperty("unresolved", out _));
        p = await OkAsync(ActAsync(mediator2, p, "PartiallyAgree", new { terms = "退还押金 2000 元", unresolved = "维修费争议引导诉讼" }));
        p = await OkAsync(ActAsync(mediator2, p, "Sign", new { signedOn = "2026-11-29" }));
        Assert.Equal("PartialAgreement", p.GetProperty("outcome").GetString());
        Assert.True(p.GetProperty("agreement").GetProperty("isPartial").GetBoolean());
    }

    [Fact]
    public async Task Referral_is_handed_over_with_receipt_progress_and_result_and_returns_to_the_centre_when_unresolved()
    {
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("交通事故赔偿协商不成", "交通事故", extra: new { amount = 50000 }));
        var noChannel = await ReadAsync(ActAsync(commander, d, "Refer", new { referralReceiver = "交警大队" }), HttpStatusCode.BadRequest);
        Assert.True(noChannel.GetProperty("errors").TryGetProperty("referralChannel", out _));
        d = await OkAsync(ActAsync(commander, d, "Refer", new { referralChannel = "Police", referralReceiver = "新庄派出所" }));
        Assert.Equal("Referred", d.GetProperty("status").GetString());

        // Still in the centre's view: the open queue lists it.
        var queue = await OkAsync(commander.GetAsync("/api/v1/disputes?open=true&pageSize=100", Ct));
        Assert.Contains(Id(d), queue.GetProperty("items").EnumerateArray().Select(Id));

        await ReadAsync(ActAsync(commander, d, "RecordReferralProgress", new { note = "已约谈" }), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(commander, d, "ConfirmReferralReceipt", new { note = "派出所值班民警" }));
        await ReadAsync(ActAsync(commander, d, "ConfirmReferralReceipt"), HttpStatusCode.BadRequest);
        d = await OkAsync(ActAsync(commander, d, "RecordReferralProgress", new { note = "已约双方到所调解" }));
        d = await OkAsync(ActAsync(commander, d, "RecordReferralResult", new { resolved = false, note = "警调未成，退回中心" }));
        Assert.Equal("Mediating", d.GetProperty("status").GetString());
        var referral = d.GetProperty("referrals")[0];
        Assert.Equal("警调", referral.GetProperty("channelName").GetString());
        Assert.Equal("派出所值班民警", referral.GetProperty("receiptBy").GetString());
        Assert.Equal("已约双方到所调解", referral.GetProperty("lastProgress").GetString());
        Assert.False(referral.GetProperty("resolved").GetBoolean());

        d = await OkAsync(ActAsync(commander, d, "Refer", new { referralChannel = "Court", referralReceiver = "新庄法庭“法官+”工作站" }));
        d = await OkAsync(ActAsync(commander, d, "ConfirmReferralReceipt"));
        d = await OkAsync(ActAsync(commander, d, "RecordReferralResult", new { resolved = true, note = "诉前调解成功" }));
        Assert.Equal("Closed", d.GetProperty("status").GetString());
        Assert.Equal("ResolvedByReferral", d.GetProperty("outcome").GetString());
        Assert.Equal(2, d.GetProperty("referrals").GetArrayLength());
    }
}

public sealed class DisputeWorkflowTests_Sqlite(SqliteApp app) : DisputeWorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class DisputeWorkflowTests_Postgres(PostgresApp app) : DisputeWorkflowTests(app), IClassFixture<PostgresApp>;
