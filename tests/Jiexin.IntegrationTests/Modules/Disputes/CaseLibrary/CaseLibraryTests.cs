using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.CaseLibrary;

/// <summary>知“新”网格学堂 over HTTP: propose a closed case (anonymised), review, publish, search, withdraw; similar cases at intake.</summary>
public abstract class CaseLibraryTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    /// <summary>mediator01 takes a case in, mediates it and closes it with a signed agreement.</summary>
    private async Task<(HttpClient Mediator, JsonElement Dispute)> ClosedAsync(string description, object[] parties, string minutes, string type = "邻里")
    {
        var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body(description, type, parties));
        d = await OkAsync(ActAsync(mediator, d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = await _api.UserIdAsync("mediator01") }));
        d = await OkAsync(ActAsync(mediator, d, "Accept"));
        d = await OkAsync(ActAsync(mediator, d, "ScheduleSession", new { scheduledAt = DateTime.UtcNow.AddDays(1), place = "矛调中心第一调解室" }));
        d = await OkAsync(ActAsync(mediator, d, "RecordSession", new { sessionId = d.GetProperty("sessions")[0].GetProperty("id").GetGuid(), minutes }));
        d = await OkAsync(ActAsync(mediator, d, "Agree", new { terms = "被申请人于十日内一次性赔偿申请人损失。" }));
        d = await OkAsync(ActAsync(mediator, d, "Sign", new { signedOn = "2026-11-29" }));
        Assert.Equal("Closed", d.GetProperty("status").GetString());
        return (mediator, d);
    }

    private static Task<HttpResponseMessage> ProposeAsync(HttpClient client, Guid disputeId, object body) =>
        client.PostAsJsonAsync($"/api/v1/disputes/{disputeId}/typical-case", body, Ct);

    private static Task<HttpResponseMessage> PublishAsync(HttpClient client, JsonElement c) =>
        client.PostAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}/publish", new { version = c.GetProperty("version").GetInt32() }, Ct);

    private async Task<JsonElement> PublishedAsync(string description, string type = "邻里")
    {
        var (mediator, d) = await ClosedAsync(description, [new { name = "周立新", role = "applicant" }, new { name = "吴海燕", role = "respondent" }],
            "双方陈述事实后达成一致。", type);
        var c = await ReadAsync(ProposeAsync(mediator, Id(d), new { methodNotes = "先分别听取双方诉求，再面对面协商。", methodTags = new[] { "面对面调解" } }), HttpStatusCode.Created);
        return await OkAsync(PublishAsync(mediator, c));
    }

    private static string AllText(JsonElement c) =>
        string.Join("\n", new[] { "title", "facts", "process", "result", "methodNotes" }.Select(f => c.GetProperty(f).GetString()));

    [Fact]
    public async Task A_closed_case_is_proposed_anonymised_reviewed_published_found_and_withdrawn()
    {
        var token = $"蜂箱{Guid.NewGuid().ToString("N")[..6]}";
        var id = NewIdNumber();
        var phone = NewMobile();
        var (mediator, d) = await ClosedAsync(
            $"申请人王建国称，邻居李秀英在{token}旁养蜂，蜜蜂蜇伤其孙子，住幸福路128号3栋2单元501室，电话{phone}，身份证号{id}。证人张伟民称亲眼所见。",
            [new { name = "王建国", role = "applicant", idNumber = id, phone }, new { name = "李秀英", role = "respondent" }],
            $"王建国要求李秀英搬走蜂箱并赔偿医药费，李秀英同意赔偿，建国表示接受。联系电话0510-86123456。");
        var disputeId = Id(d);

        // Only a closed case, only staff, only who sees it.
        var (_, open) = await _api.MediatingAsync();
        await ReadAsync(ProposeAsync(mediator, Id(open), new { methodNotes = "尚未结案的纠纷" }), HttpStatusCode.Conflict);
        var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await ProposeAsync(resident, disputeId, new { methodNotes = "居民不能推荐" })).StatusCode);
        var community = await app.ClientAsAsync("community01");
        await ReadAsync(ProposeAsync(community, disputeId, new { methodNotes = "不在职责范围" }), HttpStatusCode.NotFound);
        await ReadAsync(ProposeAsync(mediator, disputeId, new { methodNotes = "短" }), HttpStatusCode.BadRequest);
        await ReadAsync(ProposeAsync(mediator, disputeId, new { methodNotes = "背对背分别做工作", methodTags = new[] { "吓唬" } }), HttpStatusCode.BadRequest);

        var c = await ReadAsync(ProposeAsync(mediator, disputeId,
            new { methodNotes = "先背对背听取王建国的诉求，再请社区出面，以情理法结合促成李秀英让步。", methodTags = new[] { "背对背调解", "情理法结合" } }),
            HttpStatusCode.Created);
        Assert.Equal("Proposed", c.GetProperty("status").GetString());
        Assert.Equal(disputeId, c.GetProperty("disputeId").GetGuid());
        Assert.Equal(["背对背调解", "情理法结合"], c.GetProperty("methodTags").EnumerateArray().Select(t => t.GetString()));
        var text = AllText(c);
        foreach (var gone in new[] { "王建国", "李秀英", "建国", "张伟民", phone, id, "128号", "501室", "86123456" })
        {
            Assert.DoesNotContain(gone, text, StringComparison.Ordinal);
        }

        Assert.Contains("申请人王某某称，邻居李某某在", c.GetProperty("facts").GetString(), StringComparison.Ordinal);
        Assert.Contains("证人张某称", c.GetProperty("facts").GetString(), StringComparison.Ordinal);
        Assert.Contains("王某某要求李某某搬走蜂箱", c.GetProperty("process").GetString(), StringComparison.Ordinal);
        Assert.Contains("被申请人于十日内一次性赔偿申请人损失", c.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Contains("先背对背听取王某某的诉求", c.GetProperty("methodNotes").GetString(), StringComparison.Ordinal);

        // One typical case per dispute.
        var again = await ReadAsync(ProposeAsync(mediator, disputeId, new { methodNotes = "再推荐一次试试" }), HttpStatusCode.Conflict);
        Assert.Equal(Id(c), again.GetProperty("existingId").GetGuid());

        // In review: reviewers and the proposer read it; other staff neither read nor find it, nor edit it.
        var grid = await app.ClientAsAsync("grid01");
        await ReadAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/{Id(c)}", Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PutAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}", new { version = 1 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(grid, c)).StatusCode);
        var search = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases?q={token}", Ct));
        Assert.Equal(0, search.GetProperty("total").GetInt32());

        // The commander reviews: what is typed back in is anonymised again; a stale version is refused.
        var commander = await app.ClientAsAsync("commander");
        c = await OkAsync(commander.GetAsync($"/api/v1/disputes/typical-cases/{Id(c)}", Ct));
        var edit = new
        {
            title = $"养蜂蜇伤邻里纠纷（{token}）",
            facts = c.GetProperty("facts").GetString() + "申请人王建国电话 139 1234 5678。",
            process = c.GetProperty("process").GetString(),
            result = c.GetProperty("result").GetString(),
            methodNotes = c.GetProperty("methodNotes").GetString(),
            methodTags = new[] { "背对背调解", "情理法结合", "换位思考" },
            version = c.GetProperty("version").GetInt32(),
        };
        var edited = await OkAsync(commander.PutAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}", edit, Ct));
        Assert.EndsWith("申请人王某某电话 （电话略）。", edited.GetProperty("facts").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, edited.GetProperty("methodTags").GetArrayLength());
        var stale = await ReadAsync(commander.PutAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}", edit, Ct), HttpStatusCode.Conflict);
        Assert.Equal(edited.GetProperty("version").GetInt32(), stale.GetProperty("current").GetProperty("version").GetInt32());

        var published = await OkAsync(PublishAsync(commander, edited));
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(published.GetProperty("reviewedBy").GetString()));
        await ReadAsync(PublishAsync(commander, published), HttpStatusCode.Conflict);

        // Published: every member of staff reads and finds it, by words, type and method; paging holds.
        Assert.Equal(Id(c), Id(await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/{Id(c)}", Ct))));
        var typeCode = d.GetProperty("disputeType").GetString();
        search = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases?q={token}&type={typeCode}&method=换位思考&pageSize=1", Ct));
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        Assert.Equal(Id(c), Id(search.GetProperty("items")[0]));
        search = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases?q={token}&method=冷处理", Ct));
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        search = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases?q=王建国", Ct));
        Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), i => Id(i) == Id(c));

        // Offered at intake for a description in other words.
        var similar = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/similar?text={Uri.EscapeDataString("邻居养蜂，蜜蜂蜇伤小孩，要求搬走蜂箱赔偿医药费")}", Ct));
        Assert.Contains(similar.EnumerateArray(), i => Id(i) == Id(c));

        // Withdrawn with a reason: out of the library for everyone but reviewers.
        await ReadAsync(commander.PostAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}/unpublish", new { version = published.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.BadRequest);
        var withdrawn = await OkAsync(commander.PostAsJsonAsync($"/api/v1/disputes/typical-cases/{Id(c)}/unpublish",
            new { version = published.GetProperty("version").GetInt32(), reason = "当事人所在小区易被识别" }, Ct));
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        await ReadAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/{Id(c)}", Ct), HttpStatusCode.NotFound);
        search = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases?q={token}", Ct));
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        search = await OkAsync(commander.GetAsync($"/api/v1/disputes/typical-cases?q={token}&status=Withdrawn", Ct));
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        similar = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/similar?text={Uri.EscapeDataString("邻居养蜂，蜜蜂蜇伤小孩，要求搬走蜂箱赔偿医药费")}", Ct));
        Assert.DoesNotContain(similar.EnumerateArray(), i => Id(i) == Id(c));
    }

    [Fact]
    public async Task Similar_cases_rank_by_shared_words_then_by_the_same_type_and_leave_unrelated_ones_out()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var pigeons = await PublishedAsync($"楼上住户在阳台搭建鸽棚饲养信鸽，鸽子粪便和羽毛落到楼下阳台，气味难闻，楼下多次交涉无果。{marker}");
        var pigeonsProperty = await PublishedAsync($"楼上住户在阳台搭建鸽棚饲养信鸽，鸽子粪便和羽毛落到楼下阳台，气味难闻，楼下多次交涉无果。{marker}", "物业");
        var pigeonNoise = await PublishedAsync($"小区住户饲养信鸽，清晨鸽哨声音很大，影响邻居休息。{marker}");
        var wages = await PublishedAsync($"工地包工头拖欠十二名工人三个月工资，工人聚集讨薪。{marker}", "劳动争议");

        var grid = await app.ClientAsAsync("grid01");
        var query = Uri.EscapeDataString("楼上邻居阳台养鸽子，鸽子粪便落到我家阳台，气味很大");
        var similar = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/similar?text={query}&type=物业&limit=10", Ct));
        var ids = similar.EnumerateArray().Select(Id).ToList();
        Assert.True(ids.IndexOf(Id(pigeonsProperty)) is 0, string.Join(",", similar.EnumerateArray().Select(i => $"{i.GetProperty("title")}:{i.GetProperty("score")}")));
        Assert.Equal(1, ids.IndexOf(Id(pigeons)));
        Assert.True(ids.IndexOf(Id(pigeonNoise)) > 1 || !ids.Contains(Id(pigeonNoise)));
        Assert.DoesNotContain(Id(wages), ids);
        var scores = similar.EnumerateArray().Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        // Without a type the two identical texts tie, both ahead of the rest; nothing for words no case shares.
        similar = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/similar?text={query}", Ct));
        Assert.Equal(new[] { Id(pigeons), Id(pigeonsProperty) }.Order(), similar.EnumerateArray().Select(Id).Take(2).Order());
        similar = await OkAsync(grid.GetAsync($"/api/v1/disputes/typical-cases/similar?text={Uri.EscapeDataString("火星探测器着陆")}", Ct));
        Assert.Equal(0, similar.GetArrayLength());

        // Staff only.
        var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/disputes/typical-cases/similar?text={query}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/disputes/typical-cases", Ct)).StatusCode);
    }
}

public sealed class CaseLibraryTests_Sqlite(SqliteApp app) : CaseLibraryTests(app), IClassFixture<SqliteApp>;

public sealed class CaseLibraryTests_Postgres(PostgresApp app) : CaseLibraryTests(app), IClassFixture<PostgresApp>;
