using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Events;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.RegisterDispute;

/// <summary>前台统一受理 over HTTP: the issue's contract, parties' personal data, who sees a case, validation, event conversion.</summary>
public abstract class RegisterDisputeTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    [Fact]
    public async Task Issue_contract_201_with_id_then_get_shows_received_status()
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var response = await mediator.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = $"邻居装修噪音扰民，多次沟通无果 {Guid.NewGuid():N}",
            disputeType = "邻里",
            parties = new[] { new { name = "张三", role = "applicant" }, new { name = "李四", role = "respondent" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/disputes/{id}", response.Headers.Location?.OriginalString);

        var d = await OkAsync(mediator.GetAsync($"/api/v1/disputes/{id}", Ct));
        Assert.Equal("Received", d.GetProperty("status").GetString());
        Assert.Equal("neighbour", d.GetProperty("disputeType").GetString());
        Assert.Equal("WalkIn", d.GetProperty("channel").GetString());
        Assert.StartsWith("TJ", d.GetProperty("caseNumber").GetString());
        Assert.Equal(["Applicant", "Respondent"], d.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("role").GetString()));
        Assert.Equal("Register", d.GetProperty("timeline")[0].GetProperty("action").GetString());
        Assert.Contains("Route", Actions(d));
    }

    [Fact]
    public async Task Party_id_numbers_and_phones_are_stored_encrypted_and_shown_masked()
    {
        var idNumber = NewIdNumber();
        var phone = NewMobile();
        using var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body("欠款三万元不还", "合同债务",
            [new { name = "周某", role = "applicant", idNumber, phone }, new { name = "某某建材有限公司", role = "respondent", isOrganisation = true }]));

        var party = d.GetProperty("parties")[0];
        Assert.Equal($"{idNumber[..6]}**********{idNumber[^2..]}", party.GetProperty("idNumber").GetString());
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", party.GetProperty("phone").GetString());
        Assert.DoesNotContain(idNumber, d.GetRawText());
        Assert.DoesNotContain(phone, d.GetRawText());

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<DisputeParty>().AsNoTracking()
            .SingleAsync(p => p.DisputeId == Id(d) && p.Role == PartyRole.Applicant, Ct));
        Assert.StartsWith("pd1:", stored.IdNumberCipher);
        Assert.DoesNotContain(idNumber, stored.IdNumberCipher);
        Assert.Equal(32, stored.IdNumberIndex!.Length);
        Assert.StartsWith("pd1:", stored.PhoneCipher);

        // The audit log records that the columns changed, never their values.
        var audit = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Jiexin.Platform.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.EntityId == stored.Id.ToString()).ToListAsync(Ct));
        Assert.NotEmpty(audit);
        Assert.All(audit, a => Assert.DoesNotContain(stored.IdNumberCipher!, JsonSerializer.Serialize(a)));
    }

    [Fact]
    public async Task A_resident_follows_their_own_case_and_a_resident_who_is_not_a_party_gets_404()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var d = await RegisterAsync(resident, Body("物业不修电梯还要涨物业费", "物业"));
        Assert.Equal("ResidentH5", d.GetProperty("channel").GetString());
        Assert.True(d.GetProperty("parties")[0].GetProperty("hasAccount").GetBoolean());
        Assert.Empty(d.GetProperty("actions").EnumerateArray());

        using var other = await app.ClientAsAsync("resident02");
        await ReadAsync(other.GetAsync($"/api/v1/disputes/{Id(d)}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(other.GetAsync($"/api/v1/disputes/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        // Nor can they act on it, nor list cases.
        await ReadAsync(ActAsync(other, d, "Withdraw", new { note = "撤回" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/disputes", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_party_entered_by_staff_is_matched_to_the_resident_account_with_that_mobile()
    {
        var mobile = NewMobile();
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<JiexinUser>>();
            var resident = await users.FindByNameAsync("resident02");
            resident!.PhoneNumber = mobile;
            return await users.UpdateAsync(resident);
        });

        using var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body("宅基地边界争议", "房屋宅基地",
            [new { name = "钱某", role = "applicant" }, new { name = "李女士", role = "respondent", phone = $"+86 {mobile}" }]));

        using var party = await app.ClientAsAsync("resident02");
        var seen = await OkAsync(party.GetAsync($"/api/v1/disputes/{Id(d)}", Ct));
        Assert.Equal(d.GetProperty("caseNumber").GetString(), seen.GetProperty("caseNumber").GetString());
        // Residents see neither the risk assessment nor staff names.
        Assert.Equal("None", seen.GetProperty("risk").GetString());
        using var outsider = await app.ClientAsAsync("resident01");
        await ReadAsync(outsider.GetAsync($"/api/v1/disputes/{Id(d)}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_intake_is_400_problem_json_with_field_errors()
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var bad = await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes", new
        {
            description = "吵",
            disputeType = "外星人",
            parties = new object[]
            {
                new { name = "甲", role = "applicant", idNumber = "320482198501011235", phone = "12345" },
                new { name = "", role = "respondent" },
            },
            peopleCount = 0,
            amount = -5,
        }, Ct), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "description", "disputeType", "parties[0].idNumber", "parties[1].name", "peopleCount", "amount" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"missing error for {field}: {errors}");
        }

        var noApplicant = await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes",
            Body("只有被申请人", parties: [new { name = "某甲", role = "respondent" }]), Ct), HttpStatusCode.BadRequest);
        Assert.True(noApplicant.GetProperty("errors").TryGetProperty("parties", out _));

        // A role outside the enum is a bad request, not a server error.
        var response = await mediator.PostAsJsonAsync("/api/v1/disputes", Body("角色不对", parties: [new { name = "某甲", role = "judge" }]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // Staff cannot pretend to be the resident channel; residents cannot use the desk channels.
        var channel = await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes", Body("渠道不对", extra: new { channel = "ResidentH5" }), Ct), HttpStatusCode.BadRequest);
        Assert.True(channel.GetProperty("errors").TryGetProperty("channel", out _));
        using var resident = await app.ClientAsAsync("resident01");
        await ReadAsync(resident.PostAsJsonAsync("/api/v1/disputes", Body("渠道不对", extra: new { channel = "WalkIn" }), Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Group_flag_from_people_count_and_risk_words_raise_a_warning_to_the_command_centre()
    {
        using var community = await app.ClientAsAsync("community01");
        var d = await RegisterAsync(community, Body("三十多名工人讨薪，扬言集体上访", "劳动争议", extra: new { peopleCount = 32, amount = 600000, urgency = "Urgent" }));
        Assert.True(d.GetProperty("isGroup").GetBoolean());
        Assert.Equal("Red", d.GetProperty("risk").GetString());
        Assert.Contains("扬言", d.GetProperty("riskReasons").GetString());

        var small = await RegisterAsync(community, Body("两户人家为停车位争吵", extra: new { peopleCount = 2 }));
        Assert.False(small.GetProperty("isGroup").GetBoolean());
        Assert.Equal("None", small.GetProperty("risk").GetString());

        var caseNumber = d.GetProperty("caseNumber").GetString()!;
        var warnings = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Payload.Contains(caseNumber)).Select(m => m.Payload).ToListAsync(Ct));
        Assert.Contains(warnings, p => p.Contains("矛盾纠纷预警") && p.Contains("role:Commander") && p.Contains("群体性"));
    }

    [Fact]
    public async Task A_repeat_party_by_id_number_raises_the_risk()
    {
        var idNumber = NewIdNumber();
        using var mediator = await app.ClientAsAsync("mediator01");
        object[] parties = [new { name = "孙某", role = "applicant", idNumber }, new { name = "吴某", role = "respondent" }];
        var first = await RegisterAsync(mediator, Body("借款纠纷", "合同债务", parties));
        Assert.Equal("None", first.GetProperty("risk").GetString());
        var second = await RegisterAsync(mediator, Body("又因借款发生纠纷", "合同债务", parties));
        Assert.Equal("Yellow", second.GetProperty("risk").GetString());
        Assert.Contains("重复纠纷", second.GetProperty("riskReasons").GetString());
    }

    [Fact]
    public async Task An_event_converts_into_a_dispute_linked_both_ways_and_only_once()
    {
        var events = new EventApi(app);
        using var resident = await app.ClientAsAsync("resident01");
        var e = await events.ReportAsync(resident, "隔壁邻居占用公共楼道堆放杂物，协商不成");
        using var commander = await app.ClientAsAsync("commander");
        var d = await RegisterAsync(commander, Body("楼道堆物引发邻里矛盾", extra: new { eventId = EventApi.Id(e) }));
        Assert.Equal("Event", d.GetProperty("channel").GetString());
        Assert.Equal(EventApi.Id(e), d.GetProperty("eventId").GetGuid());
        Assert.Equal(e.GetProperty("gridId").GetGuid(), d.GetProperty("gridId").GetGuid());

        var back = await EventApi.GetAsync(commander, e);
        var step = back.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("action").GetString() == "ConvertToDispute");
        Assert.Contains(d.GetProperty("caseNumber").GetString()!, step.GetProperty("note").GetString());

        var again = await ReadAsync(commander.PostAsJsonAsync("/api/v1/disputes", Body("再转一次", extra: new { eventId = EventApi.Id(e) }), Ct), HttpStatusCode.Conflict);
        Assert.Equal(Id(d), again.GetProperty("existingId").GetGuid());

        // An event the caller cannot see cannot be converted.
        using var dept = await app.ClientAsAsync("dept-cg");
        var refused = await ReadAsync(dept.PostAsJsonAsync("/api/v1/disputes", Body("越权转入", extra: new { eventId = EventApi.Id(e) }), Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("eventId", out _));
    }

    [Fact]
    public async Task Community_staff_see_their_community_cases_in_the_queue_and_not_others()
    {
        var communities = await _api.CommunitiesAsync();
        using var commander = await app.ClientAsAsync("commander");
        var mine = await RegisterAsync(commander, Body("本社区的纠纷", extra: new { communityId = communities[0].Id }));
        var theirs = await RegisterAsync(commander, Body("别的社区的纠纷", extra: new { communityId = communities[1].Id }));

        using var community = await app.ClientAsAsync("community01");
        await OkAsync(community.GetAsync($"/api/v1/disputes/{Id(mine)}", Ct));
        await ReadAsync(community.GetAsync($"/api/v1/disputes/{Id(theirs)}", Ct), HttpStatusCode.NotFound);
        var page = await OkAsync(community.GetAsync("/api/v1/disputes?status=Received&pageSize=100", Ct));
        var ids = page.GetProperty("items").EnumerateArray().Select(Id).ToList();
        Assert.Contains(Id(mine), ids);
        Assert.DoesNotContain(Id(theirs), ids);

        var all = await OkAsync(commander.GetAsync($"/api/v1/disputes?q={theirs.GetProperty("caseNumber").GetString()}", Ct));
        Assert.Equal(1, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Dispute_types_are_seeded_and_editable_by_the_command_centre_only()
    {
        using var commander = await app.ClientAsAsync("commander");
        var types = await OkAsync(commander.GetAsync("/api/v1/disputes/types", Ct));
        var names = types.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["婚姻家庭", "邻里", "房屋宅基地", "物业", "劳动争议", "消费", "交通事故", "医疗", "征地拆迁", "合同债务", "损害赔偿", "其他"], names.Take(12));

        var code = $"t{Guid.NewGuid():N}"[..20];
        await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/types/{code}", new { name = $"山林{code[^4..]}", sortOrder = 200 }, Ct));
        using var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body("山林界址争议", code));
        Assert.Equal(code, d.GetProperty("disputeType").GetString());

        await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/types/{code}", new { name = $"山林{code[^4..]}", isActive = false }, Ct));
        await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes", Body("停用的类型", code), Ct), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PutAsJsonAsync($"/api/v1/disputes/types/{code}", new { name = "改名" }, Ct)).StatusCode);
    }
}

public sealed class RegisterDisputeTests_Sqlite(SqliteApp app) : RegisterDisputeTests(app), IClassFixture<SqliteApp>;

public sealed class RegisterDisputeTests_Postgres(PostgresApp app) : RegisterDisputeTests(app), IClassFixture<PostgresApp>;
