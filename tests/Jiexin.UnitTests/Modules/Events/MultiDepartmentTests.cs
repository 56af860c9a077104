using Jiexin.Data;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Modules.Events;

/// <summary>The whistle, summons and check-in, escalation above the street and feedback rows of the transition table.</summary>
public sealed class MultiDepartmentTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc); // Monday 10:00 in China
    private static readonly OrgUnitRef Grid = new(OrgUnitKind.Grid, Guid.NewGuid());
    private static readonly OrgUnitRef Cg = new(OrgUnitKind.Department, Guid.NewGuid());
    private static readonly OrgUnitRef Zj = new(OrgUnitKind.Department, Guid.NewGuid());

    private static Event NewEvent(EventStatus status = EventStatus.Reported) => new()
    {
        Id = Guid.NewGuid(), TrackingCode = "JX261130TEST2", Description = "测试事件", Status = status, GridId = Grid.Id,
    };

    private static TransitionContext Ctx(OrgUnitRef? unit, DateTime? at = null) => new(Guid.NewGuid(), "测试", unit, at ?? Now);

    private static TransitionResult Act(Event e, EventAction action, TransitionInput input, string role, OrgUnitRef? unit = null, DateTime? at = null) =>
        EventWorkflow.Apply(e, action, input with { ActingUnit = unit }, [role], Ctx(unit, at));

    [Fact]
    public void Summoned_departments_check_in_and_the_last_part_makes_the_event_handled_at_street_tier()
    {
        var e = NewEvent();
        Assert.True(Act(e, EventAction.Whistle, new("网格处置不了"), Roles.GridWorker, Grid).Succeeded);
        Assert.Equal(EventStatus.Whistled, e.Status);
        Assert.Equal(Now, e.WhistledAt);

        Assert.True(Act(e, EventAction.Summon, new(Departments: [Cg.Id, Zj.Id], LeadDepartmentId: Zj.Id), Roles.Commander).Succeeded);
        Assert.Equal(EventStatus.Summoned, e.Status);
        Assert.Equal(Zj.Id, e.AssigneeId);
        Assert.All(e.Summons, s => Assert.True(s.ViaWhistle));
        Assert.All(e.Summons, s => Assert.Equal(Now + CheckInRules.DefaultWindow, s.CheckInDueAt));

        Assert.Equal(TransitionFailure.WrongStatus, Act(e, EventAction.RecordPart, new("先做了"), Roles.DepartmentStaff, Cg).Failure);
        Assert.True(Act(e, EventAction.CheckIn, new(Latitude: 31.4, Longitude: 119.8), Roles.DepartmentStaff, Cg, Now.AddMinutes(10)).Succeeded);
        Assert.Equal(TransitionFailure.WrongStatus, Act(e, EventAction.CheckIn, new(), Roles.DepartmentStaff, Cg).Failure);
        Assert.True(Act(e, EventAction.RecordPart, new("已拆除"), Roles.DepartmentStaff, Cg).Succeeded);
        Assert.Equal(EventStatus.Summoned, e.Status);
        Assert.DoesNotContain(EventWorkflow.Available(e, [Roles.DepartmentStaff], Cg), t => t.Action is EventAction.CheckIn or EventAction.RecordPart);

        Assert.True(Act(e, EventAction.CheckIn, new(), Roles.DepartmentStaff, Zj).Succeeded);
        Assert.True(Act(e, EventAction.RecordPart, new("已加固"), Roles.DepartmentStaff, Zj).Succeeded);
        Assert.Equal(EventStatus.Handled, e.Status);
        Assert.Equal(EventStatus.Handled, e.Timeline[^1].ToStatus);

        Assert.True(Act(e, EventAction.VerifyPass, new(), Roles.GridWorker).Succeeded);
        Assert.True(Act(e, EventAction.Close, new(), Roles.Commander).Succeeded);
        Assert.Equal(ResolutionTier.Street, e.ResolvedTier);
    }

    [Fact]
    public void A_department_not_summoned_is_refused_and_bad_check_in_places_are_refused()
    {
        var e = NewEvent();
        Assert.True(Act(e, EventAction.Summon, new(Departments: [Cg.Id, Zj.Id]), Roles.Commander).Succeeded);
        var other = new OrgUnitRef(OrgUnitKind.Department, Guid.NewGuid());
        Assert.Equal(TransitionFailure.GuardFailed, Act(e, EventAction.CheckIn, new(), Roles.DepartmentStaff, other).Failure);
        Assert.Equal(TransitionFailure.GuardFailed, Act(e, EventAction.CheckIn, new(Latitude: 31.4), Roles.DepartmentStaff, Cg).Failure);
        Assert.Equal(TransitionFailure.GuardFailed, Act(e, EventAction.CheckIn, new(Latitude: 95, Longitude: 119.8), Roles.DepartmentStaff, Cg).Failure);
        Assert.All(e.Summons, s => Assert.Null(s.CheckedInAt));
    }

    [Fact]
    public void A_new_summons_round_supersedes_the_old_one_which_stays_as_history()
    {
        var e = NewEvent();
        Assert.True(Act(e, EventAction.Summon, new(Departments: [Cg.Id, Zj.Id]), Roles.Commander).Succeeded);
        Assert.True(Act(e, EventAction.EscalateAboveStreet, new("报区协调"), Roles.Commander).Succeeded);
        Assert.True(e.IsAboveStreet);
        Assert.Null(e.AssigneeId);
        Assert.All(e.Summons, s => Assert.True(s.Superseded));
        Assert.True(Act(e, EventAction.ReturnFromAboveStreet, new("属街道职责"), Roles.Commander).Succeeded);
        Assert.False(e.IsAboveStreet);
        Assert.NotNull(e.EscalatedAboveStreetAt);
        Assert.True(Act(e, EventAction.Summon, new(Departments: [Cg.Id, Zj.Id]), Roles.Commander).Succeeded);
        Assert.Equal(4, e.Summons.Count);
        Assert.Equal(2, MultiDepartment.CurrentSummons(e).Count());
    }

    [Fact]
    public void Escalated_above_the_street_closes_at_that_tier()
    {
        var e = NewEvent();
        Assert.True(Act(e, EventAction.EscalateAboveStreet, new("跨区污染"), Roles.Commander).Succeeded);
        Assert.True(Act(e, EventAction.RecordAboveStreetResult, new("区局已处置"), Roles.Commander).Succeeded);
        Assert.True(Act(e, EventAction.VerifyPass, new(), Roles.GridWorker).Succeeded);
        Assert.True(Act(e, EventAction.Close, new(), Roles.Commander).Succeeded);
        Assert.Equal(ResolutionTier.AboveStreet, e.ResolvedTier);
    }

    [Theory]
    [InlineData(1, EventStatus.Dissatisfied)]
    [InlineData(2, EventStatus.Dissatisfied)]
    [InlineData(3, EventStatus.Closed)]
    [InlineData(5, EventStatus.Closed)]
    public void A_rating_of_two_or_less_goes_to_review(int rating, EventStatus expected)
    {
        var e = NewEvent(EventStatus.Closed);
        e.ClosedAt = Now.AddDays(-1);
        Assert.True(Act(e, EventAction.Rate, new(Rating: rating), Roles.Resident).Succeeded);
        Assert.Equal(expected, e.Status);
        Assert.Equal(rating, Assert.Single(e.Feedback).Rating);
        // Once rated, the closing cannot be rated again (blocked while Closed, not offered from Dissatisfied).
        Assert.Equal(TransitionFailure.WrongStatus, Act(e, EventAction.Rate, new(Rating: 5), Roles.Resident).Failure);
        Assert.Single(e.Feedback);
    }

    [Fact]
    public void The_summons_window_counts_working_time_and_lateness_is_in_working_minutes()
    {
        var calendar = new MondayToFridayNineToFive();
        var rules = new CheckInRules(calendar, TimeSpan.FromMinutes(30));
        // Friday 16:50 China (08:50 UTC): 10 minutes left on Friday, 20 on Monday morning.
        var friday = new DateTime(2026, 11, 27, 8, 50, 0, DateTimeKind.Utc);
        var due = rules.DueFrom(friday);
        Assert.Equal(new DateTime(2026, 11, 30, 1, 20, 0, DateTimeKind.Utc), due);
        Assert.Equal(0, rules.LateMinutes(due, due));
        Assert.Equal(15, rules.LateMinutes(due, due.AddMinutes(15)));
        Assert.Equal(15, rules.LateMinutes(due, due.AddMinutes(14).AddSeconds(1)));
    }

    /// <summary>A plain 09:00–17:00 China-time Monday–Friday calendar, enough to show the arithmetic is delegated.</summary>
    private sealed class MondayToFridayNineToFive : Jiexin.Platform.Calendar.IWorkingCalendar
    {
        private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

        public Jiexin.Platform.Calendar.WorkingHours WorkingHours => throw new NotSupportedException();

        public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        public DateTime NextWorkingMoment(DateTime utc) => throw new NotSupportedException();

        public DateTime AddWorkingTime(DateTime startUtc, TimeSpan workingDuration)
        {
            var t = startUtc;
            var left = workingDuration;
            while (left > TimeSpan.Zero)
            {
                t = t.AddMinutes(1);
                if (IsWorkingMinute(t))
                {
                    left -= TimeSpan.FromMinutes(1);
                }
            }

            return t;
        }

        public DateTime AddWorkingDays(DateTime startUtc, int days) => throw new NotSupportedException();

        public TimeSpan WorkingTimeBetween(DateTime fromUtc, DateTime toUtc)
        {
            var total = TimeSpan.Zero;
            for (var t = fromUtc.AddSeconds(1); t <= toUtc; t = t.AddSeconds(1))
            {
                if (IsWorkingMinute(t))
                {
                    total += TimeSpan.FromSeconds(1);
                }
            }

            return total;
        }

        private bool IsWorkingMinute(DateTime utc)
        {
            var local = utc + Offset;
            return IsWorkingDay(DateOnly.FromDateTime(local)) && local.TimeOfDay > TimeSpan.FromHours(9) && local.TimeOfDay <= TimeSpan.FromHours(17);
        }
    }
}
