using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Disputes.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.ResidentCases;

/// <summary>Issue 6 §11: parties follow their own case on the H5 pages (/m/disputes, /m/disputes/{id}, /m/disputes/new), static, no script.</summary>
public abstract class ResidentDisputePagesTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    private async Task<PageSession> SignedInAsync(string userName)
    {
        var session = new PageSession(app);
        var response = await session.LoginAsync(userName, JiexinApp.DemoPassword, returnUrl: "/m/disputes");
        Assert.Equal("/m/disputes", PageSession.RedirectTarget(response));
        return session;
    }

    /// <summary>The account's mobile, given one first when the demo account has none.</summary>
    private Task<string> PhoneOfAsync(string userName) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == userName, Ct);
            if (string.IsNullOrEmpty(user.PhoneNumber))
            {
                user.PhoneNumber = NewMobile();
                await db.SaveChangesAsync(Ct);
            }

            return user.PhoneNumber!;
        });

    [Fact]
    public async Task A_resident_asks_for_mediation_on_the_form_and_follows_the_case_others_get_404()
    {
        using var session = await SignedInAsync("resident01");
        var form = await session.GetHtmlAsync("/m/disputes/new");
        Assert.Contains("name=\"Input.Description\"", form);
        Assert.DoesNotContain("blazor.web.js", form);
        Assert.DoesNotContain("<script>", form);

        // An error keeps what was typed and says what is wrong in Chinese.
        var token = PageSession.AntiforgeryToken(form);
        var refused = await session.Client.PostAsync("/m/disputes/new", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("_handler", "dispute"),
            new("Input.Type", ""), new("Input.Description", "楼上漏水"), new("Input.Respondent", ""), new("Input.CommunityId", ""),
        ]), Ct);
        var refusedHtml = await PageSession.ReadHtmlAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请选择纠纷类型。", refusedHtml);
        Assert.Contains("楼上漏水", refusedHtml);

        var description = $"楼上住户装修噪音持续到深夜，多次沟通无果 {Guid.NewGuid():N}";
        var posted = await session.Client.PostAsync("/m/disputes/new", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("_handler", "dispute"),
            new("Input.Type", "neighbour"), new("Input.Description", description), new("Input.Respondent", "楼上住户"), new("Input.CommunityId", ""),
        ]), Ct);
        var target = PageSession.RedirectTarget(posted);
        Assert.StartsWith("/m/disputes/", target, StringComparison.Ordinal);
        var id = Guid.Parse(target["/m/disputes/".Length..]);

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().Include(d => d.Parties).SingleAsync(d => d.Id == id, Ct));
        Assert.Equal(DisputeChannel.ResidentH5, stored.Channel);
        Assert.Equal(description, stored.Description);
        var resident01 = await _api.UserIdAsync("resident01");
        Assert.Equal(resident01, stored.ReporterUserId);
        Assert.Equal(resident01, stored.Parties.Single(p => p.Role == PartyRole.Applicant).UserId);
        Assert.Equal("楼上住户", stored.Parties.Single(p => p.Role == PartyRole.Respondent).Name);

        var page = await session.GetHtmlAsync(target);
        Assert.Contains(stored.CaseNumber, page);
        Assert.Contains("已受理", page);
        Assert.Contains(description, page);
        Assert.DoesNotContain("blazor.web.js", page);
        var list = await session.GetHtmlAsync("/m/disputes");
        Assert.Contains(stored.CaseNumber, list);

        // Not a party: not found, like a case that does not exist; nor in their list.
        using var other = await SignedInAsync("resident02");
        var response = await other.Client.GetAsync(target, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(stored.CaseNumber, await other.GetHtmlAsync("/m/disputes"));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/m/disputes/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_party_linked_by_phone_follows_sessions_agreement_and_follow_ups()
    {
        var phone = await PhoneOfAsync("resident02");
        var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body("物业费纠纷，业主认为电梯长期故障拒交物业费", "邻里",
            [new { name = "孙丽", role = "applicant", phone }, new { name = "某物业公司", role = "respondent", isOrganisation = true }]));
        d = await OkAsync(ActAsync(mediator, d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = await _api.UserIdAsync("mediator01") }));
        d = await OkAsync(ActAsync(mediator, d, "Accept"));
        var sessionAt = DateTime.UtcNow.AddDays(3);
        d = await OkAsync(ActAsync(mediator, d, "ScheduleSession", new { scheduledAt = sessionAt, place = "矛调中心第二调解室" }));

        var resident = await app.ClientAsAsync("resident02");
        var mine = await OkAsync(resident.GetAsync("/api/v1/disputes/mine", Ct));
        var item = mine.EnumerateArray().Single(i => Id(i) == Id(d));
        Assert.Equal("Mediating", item.GetProperty("status").GetString());
        Assert.Equal(sessionAt, item.GetProperty("nextSessionAt").GetDateTime(), TimeSpan.FromSeconds(1));
        var stranger = await app.ClientAsAsync("resident01");
        Assert.DoesNotContain((await OkAsync(stranger.GetAsync("/api/v1/disputes/mine", Ct))).EnumerateArray(), i => Id(i) == Id(d));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/api/v1/disputes/mine", Ct)).StatusCode);

        using var session = await SignedInAsync("resident02");
        var page = await session.GetHtmlAsync($"/m/disputes/{Id(d)}");
        Assert.Contains("下次调解", page);
        Assert.Contains("矛调中心第二调解室", page);
        Assert.Contains(sessionAt.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), page);

        d = await OkAsync(ActAsync(mediator, d, "RecordSession", new { sessionId = d.GetProperty("sessions")[0].GetProperty("id").GetGuid(), minutes = "双方同意修复电梯后补交物业费。" }));
        d = await OkAsync(ActAsync(mediator, d, "Agree", new { terms = "物业公司于十五日内修复电梯，业主于修复后补交物业费。" }));
        page = await session.GetHtmlAsync($"/m/disputes/{Id(d)}");
        Assert.Contains("待签署", page);
        Assert.DoesNotContain("下次调解", page);
        d = await OkAsync(ActAsync(mediator, d, "Sign", new { signedOn = "2026-11-29" }));
        page = await session.GetHtmlAsync($"/m/disputes/{Id(d)}");
        Assert.Contains("已于 2026-11-29 签署", page);
        Assert.Contains("物业公司于十五日内修复电梯", page);
        Assert.Contains("回访", page);
        Assert.Contains("待回访", page);
        Assert.Contains("协议签署", page); // the steps
    }
}

public sealed class ResidentDisputePagesTests_Sqlite(SqliteApp app) : ResidentDisputePagesTests(app), IClassFixture<SqliteApp>;

public sealed class ResidentDisputePagesTests_Postgres(PostgresApp app) : ResidentDisputePagesTests(app), IClassFixture<PostgresApp>;
