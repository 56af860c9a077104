using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Modules.Disputes;

public sealed class DisputeWorkflowTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Mediator = [Roles.Mediator];
    private static readonly DisputeContext Ctx = new(Guid.NewGuid(), "调解员甲", Now);

    private static Dispute NewDispute(DisputeStatus status = DisputeStatus.Received) => new()
    {
        Id = Guid.NewGuid(), CaseNumber = "TJ261130TEST1", Description = "邻里噪音纠纷", TypeCode = "neighbour", TypeName = "邻里", Status = status,
    };

    private static readonly DisputeInput RouteGeneral = new()
    {
        Tier = TriageTier.General, ReceiverKind = ReceiverKind.Mediator, ReceiverId = Guid.NewGuid(), ReceiverName = "调解员乙",
        AcceptBy = Now.AddDays(1), DueAt = Now.AddDays(14),
    };

    /// <summary>Whatever input an action is given: everything a guard might ask for.</summary>
    private static DisputeInput Full(Dispute d) => RouteGeneral with
    {
        Note = "说明", InvitedParties = "司法所", LeaderName = "领导", Plan = "方案", Participants = "双方", Facts = "事实", ScheduledAt = Now.AddDays(1),
        SessionId = d.Sessions.FirstOrDefault()?.Id, Minutes = "笔录", Terms = "赔偿 1000 元", Unresolved = "其余诉讼", SignedOn = new DateOnly(2026, 11, 30),
        Guidance = LegalGuidance.Litigation, ReferralChannel = ReferralChannel.Court, ReferralReceiver = "法庭", Resolved = true, Court = "法院", Confirmed = true,
    };

    public static TheoryData<DisputeAction, DisputeStatus> EveryActionFromEveryState()
    {
        var data = new TheoryData<DisputeAction, DisputeStatus>();
        foreach (var action in Enum.GetValues<DisputeAction>())
        {
            foreach (var status in Enum.GetValues<DisputeStatus>())
            {
                data.Add(action, status);
            }
        }

        return data;
    }

    [Fact]
    public void Every_action_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<DisputeAction>().Order(), DisputeWorkflow.Table.Select(t => t.Action).Order());
    }

    [Theory]
    [MemberData(nameof(EveryActionFromEveryState))]
    public void An_action_outside_its_source_states_is_refused_and_changes_nothing(DisputeAction action, DisputeStatus status)
    {
        var row = DisputeWorkflow.Find(action)!;
        var d = NewDispute(status);
        var result = DisputeWorkflow.Apply(d, action, Full(d), Roles.All.ToArray(), Ctx);
        if (row.From.Contains(status))
        {
            Assert.NotEqual(DisputeFailure.WrongStatus, result.Failure);
            return;
        }

        Assert.Equal(DisputeFailure.WrongStatus, result.Failure);
        Assert.Equal(status, d.Status);
        Assert.Empty(d.Timeline);
    }

    [Fact]
    public void Closed_and_rejected_cases_take_no_workflow_step_but_judicial_confirmation_and_follow_ups()
    {
        Assert.Equal([DisputeAction.RequestJudicialConfirmation, DisputeAction.RecordJudicialConfirmation, DisputeAction.RecordFollowUp],
            DisputeWorkflow.Table.Where(t => t.From.Contains(DisputeStatus.Closed)).Select(t => t.Action));
        Assert.DoesNotContain(DisputeWorkflow.Table, t => t.From.Contains(DisputeStatus.Rejected));
    }

    [Fact]
    public void Residents_and_grid_workers_take_no_step()
    {
        Assert.DoesNotContain(DisputeWorkflow.Table, t => t.Roles.Contains(Roles.Resident) || t.Roles.Contains(Roles.GridWorker));
        var d = NewDispute();
        var result = DisputeWorkflow.Apply(d, DisputeAction.Route, RouteGeneral, [Roles.GridWorker], Ctx);
        Assert.Equal(DisputeFailure.RoleNotAllowed, result.Failure);
        Assert.Equal(DisputeStatus.Received, d.Status);
    }

    [Fact]
    public void A_scheduled_session_is_noted_in_China_time()
    {
        var d = NewDispute(DisputeStatus.Mediating);
        var input = new DisputeInput { ScheduledAt = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), Place = "第一调解室" };
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.ScheduleSession, input, Mediator, Ctx).Succeeded);
        Assert.Equal("调解时间 2026-12-01 10:00，第一调解室", d.Timeline[^1].Note);
    }

    [Fact]
    public void The_general_path_routes_accepts_agrees_and_signs_recording_each_step()
    {
        var d = NewDispute();
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.Route, RouteGeneral, Mediator, Ctx).Succeeded);
        Assert.Equal((DisputeStatus.Routed, "调解员乙", Now.AddDays(14)), (d.Status, d.ReceiverName, d.DueAt));
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.Accept, new(), Mediator, Ctx).Succeeded);
        Assert.Equal(Now, d.AcceptedAt);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.Agree, new() { Terms = "赔偿 1000 元" }, Mediator, Ctx).Succeeded);
        Assert.Equal("TJ261130TEST1-XY", d.Agreement!.Number);
        Assert.Equal(DisputeFailure.GuardFailed, DisputeWorkflow.Apply(d, DisputeAction.Sign, new(), Mediator, Ctx).Failure);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.Sign, new() { SignedOn = new DateOnly(2026, 11, 30) }, Mediator, Ctx).Succeeded);
        Assert.Equal((DisputeStatus.Closed, DisputeOutcome.Agreement, Now), (d.Status, d.Outcome, d.ClosedAt));
        Assert.Equal(["Route", "Accept", "Agree", "Sign"], d.Timeline.Select(t => t.Action));
        // 回访 at 7 and 30 days after signing; recorded one at a time, earliest first.
        Assert.Equal([Now.AddDays(7), Now.AddDays(30)], d.FollowUps.Select(f => f.DueAt));
        Assert.Equal("honoured", DisputeWorkflow.Apply(d, DisputeAction.RecordFollowUp, new() { Note = "已付款" }, Mediator, Ctx).Field);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.RecordFollowUp, new() { Honoured = true, Note = "已付款" }, Mediator, Ctx).Succeeded);
        Assert.Equal([true, null], d.FollowUps.Select(f => f.Honoured));
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.RecordFollowUp, new() { Honoured = true, Note = "履行完毕" }, Mediator, Ctx).Succeeded);
        Assert.Equal("followUp", DisputeWorkflow.Apply(d, DisputeAction.RecordFollowUp, new() { Honoured = true, Note = "再次" }, Mediator, Ctx).Field);
        Assert.Equal("全科 → 调解员乙", d.Timeline[0].Note);
    }

    [Theory]
    [InlineData(TriageTier.Special, null, "方案", "leaderName")]
    [InlineData(TriageTier.Special, "领导", null, "plan")]
    [InlineData(TriageTier.Joint, null, null, "invitedParties")]
    public void Special_and_joint_routing_need_their_extra_fields(TriageTier tier, string? leader, string? plan, string field)
    {
        var d = NewDispute();
        var result = DisputeWorkflow.Apply(d, DisputeAction.Route, RouteGeneral with { Tier = tier, LeaderName = leader, Plan = plan }, Mediator, Ctx);
        Assert.Equal((DisputeFailure.GuardFailed, field), (result.Failure, result.Field));
    }

    [Fact]
    public void Decline_returns_the_case_to_the_desk_without_a_receiver()
    {
        var d = NewDispute();
        DisputeWorkflow.Apply(d, DisputeAction.Route, RouteGeneral, Mediator, Ctx);
        Assert.Equal("note", DisputeWorkflow.Apply(d, DisputeAction.Decline, new(), Mediator, Ctx).Field);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.Decline, new() { Note = "非本人专业" }, Mediator, Ctx).Succeeded);
        Assert.Equal(DisputeStatus.Received, d.Status);
        Assert.Null(d.ReceiverUserId);
        Assert.Null(d.DueAt);
    }

    [Theory]
    [InlineData(true, DisputeStatus.Closed)]
    [InlineData(false, DisputeStatus.Mediating)]
    public void A_referral_result_closes_the_case_or_returns_it_to_the_centre(bool resolved, DisputeStatus expected)
    {
        var d = NewDispute();
        DisputeWorkflow.Apply(d, DisputeAction.Refer, new() { ReferralChannel = ReferralChannel.Labour, ReferralReceiver = "劳动仲裁院" }, Mediator, Ctx);
        Assert.Equal(DisputeStatus.Referred, d.Status);
        Assert.Equal("referral", DisputeWorkflow.Apply(d, DisputeAction.RecordReferralResult, new() { Resolved = resolved, Note = "结果" }, Mediator, Ctx).Field);
        DisputeWorkflow.Apply(d, DisputeAction.ConfirmReferralReceipt, new(), Mediator, Ctx);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.RecordReferralResult, new() { Resolved = resolved, Note = "结果" }, Mediator, Ctx).Succeeded);
        Assert.Equal(expected, d.Status);
        Assert.Equal(resolved ? DisputeOutcome.ResolvedByReferral : null, d.Outcome);
    }

    [Fact]
    public void Judicial_confirmation_needs_a_signed_agreement_and_a_request_first()
    {
        var d = NewDispute(DisputeStatus.Closed);
        Assert.Equal("agreement", DisputeWorkflow.Apply(d, DisputeAction.RequestJudicialConfirmation, new() { Court = "法院" }, Mediator, Ctx).Field);
        d.Agreement = new DisputeAgreement { Number = "X", Terms = "T", SignedOn = new DateOnly(2026, 11, 30) };
        Assert.Equal("agreement", DisputeWorkflow.Apply(d, DisputeAction.RecordJudicialConfirmation, new() { Confirmed = true }, Mediator, Ctx).Field);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.RequestJudicialConfirmation, new() { Court = "法院" }, Mediator, Ctx).Succeeded);
        Assert.True(DisputeWorkflow.Apply(d, DisputeAction.RecordJudicialConfirmation, new() { Confirmed = false }, Mediator, Ctx).Succeeded);
        Assert.Equal(JudicialConfirmation.Refused, d.Agreement.Judicial);
        Assert.Equal(DisputeStatus.Closed, d.Status);
    }
}

public sealed class DisputeRulesTests
{
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Five_people_make_a_group_dispute(int people, bool group) => Assert.Equal(group, DisputeRules.IsGroup(people));

    [Theory]
    [InlineData("两家为晾衣服吵架", 2, null, DisputeUrgency.Normal, 0, RiskLevel.None)]
    [InlineData("两家为晾衣服吵架", 6, null, DisputeUrgency.Normal, 0, RiskLevel.Yellow)]
    [InlineData("借款不还", 2, "150000", DisputeUrgency.Normal, 1, RiskLevel.Orange)]
    [InlineData("扬言要去上访", 2, null, DisputeUrgency.Normal, 0, RiskLevel.Orange)]
    [InlineData("扬言要去上访", 2, null, DisputeUrgency.Critical, 0, RiskLevel.Red)]
    [InlineData("工资拖欠", 25, "2000000", DisputeUrgency.Normal, 0, RiskLevel.Red)]
    public void Risk_levels_follow_the_stated_points(string text, int people, string? amount, DisputeUrgency urgency, int repeats, RiskLevel expected)
    {
        var (level, reasons) = DisputeRules.Assess(text, people, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), urgency, repeats);
        Assert.Equal(expected, level);
        Assert.Equal(expected == RiskLevel.None, reasons.Count == 0);
    }
}
