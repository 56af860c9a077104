using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Attribution.Catalog;
using Jiexin.Modules.Attribution.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Attribution.ManageTaxonomy;

/// <summary>/api/v1/attribution/taxonomy: Admin edits 大类/小类, labels and phrases; attribution follows without a restart.</summary>
public abstract class ManageTaxonomyTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> FindAsync(HttpClient admin, string code)
    {
        var list = await JsonAsync(await admin.GetAsync($"/api/v1/attribution/taxonomy?q={code}", Ct), HttpStatusCode.OK);
        return list.EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);
    }

    private static object Body(JsonElement c, string? phrases = null, string? label = null, bool? enabled = null, int? version = null) => new
    {
        name = c.GetProperty("name").GetString(),
        englishName = c.GetProperty("englishName").GetString(),
        label = label ?? c.GetProperty("label").GetString(),
        phrases = phrases ?? string.Join("、", c.GetProperty("phrases").EnumerateArray().Select(p => p.GetString())),
        defaultDepartmentShortName = c.GetProperty("defaultDepartmentShortName").GetString(),
        sortOrder = c.GetProperty("sortOrder").GetInt32(),
        enabled = enabled ?? c.GetProperty("enabled").GetBoolean(),
        version = version ?? c.GetProperty("version").GetInt32(),
    };

    [Fact]
    public async Task AnAddedPhrase_IsRecognisedAtOnce_AndALabelChangeShowsInTheTree()
    {
        using var admin = await app.ClientAsAsync("admin");
        const string phrase = "葫芦灯柱歪斜";
        var before = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/preview", new { text = phrase }, Ct), HttpStatusCode.OK);
        Assert.NotEqual("0204", before.GetProperty("candidates")[0].GetProperty("code").GetString());

        var sub = await FindAsync(admin, "0204");
        var phrases = string.Join("、", sub.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()).Append(phrase));
        var saved = await JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{sub.GetProperty("id").GetGuid()}", Body(sub, phrases: phrases, label: "交通运输"), Ct), HttpStatusCode.OK);

        Assert.Contains(phrase, saved.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(sub.GetProperty("version").GetInt32() + 1, saved.GetProperty("version").GetInt32());
        var after = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/preview", new { text = phrase }, Ct), HttpStatusCode.OK);
        var top = after.GetProperty("candidates")[0];
        Assert.Equal("0204", top.GetProperty("code").GetString());
        Assert.Equal("交通运输", top.GetProperty("label").GetString());
        Assert.Contains(phrase, top.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        var tree = await JsonAsync(await admin.GetAsync("/api/v1/attribution/categories", Ct), HttpStatusCode.OK);
        var listed = tree.EnumerateArray().SelectMany(g => g.GetProperty("subcategories").EnumerateArray()).Single(s => s.GetProperty("code").GetString() == "0204");
        Assert.Equal("交通运输", listed.GetProperty("label").GetString());
    }

    [Fact]
    public async Task ANewSubcategory_IsCreated_ThenDisabled_AndLeavesTheResidentsTree()
    {
        using var admin = await app.ClientAsAsync("admin");
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/taxonomy", new
        {
            code = "0198", parentCode = "01", name = "测试共享单车乱停", englishName = "Shared bikes", label = "交通运输",
            phrases = "共享单车乱停、单车堆放", defaultDepartmentShortName = "城管", sortOrder = 990,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal("01", created.GetProperty("groupCode").GetString());
        Assert.Equal(["共享单车乱停", "单车堆放"], created.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var tree = await admin.GetStringAsync("/api/v1/attribution/categories", Ct);
        Assert.Contains("0198", tree);

        await JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{created.GetProperty("id").GetGuid()}", Body(created, enabled: false), Ct), HttpStatusCode.OK);

        Assert.DoesNotContain("0198", await admin.GetStringAsync("/api/v1/attribution/categories", Ct));
        var disabledOnly = await JsonAsync(await admin.GetAsync("/api/v1/attribution/taxonomy?enabled=false", Ct), HttpStatusCode.OK);
        Assert.Contains(disabledOnly.EnumerateArray(), c => c.GetProperty("code").GetString() == "0198");
    }

    [Theory]
    [InlineData("0101", "01", "城乡建设", "code")] // taken
    [InlineData("0299", "01", "城乡建设", "code")] // not under its 大类
    [InlineData("0197", "01", "火星事务", "label")] // not one of the seven
    [InlineData("0196", "77", "城乡建设", "parentCode")] // no such 大类
    [InlineData("1", null, "", "code")] // a 大类 code is two digits
    public async Task BadInput_Is400WithTheField(string code, string? parentCode, string label, string field)
    {
        using var admin = await app.ClientAsAsync("admin");

        var problem = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/taxonomy", new { code, parentCode, name = "测试" + code, label }, Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", messages[0].GetString()!);
    }

    [Fact]
    public async Task AnUnknownDefaultDepartment_OrAnOverlongPhrase_Is400()
    {
        using var admin = await app.ClientAsAsync("admin");
        var sub = await FindAsync(admin, "0301");
        var id = sub.GetProperty("id").GetGuid();
        var body = JsonSerializer.SerializeToNode(Body(sub))!.AsObject();
        body["defaultDepartmentShortName"] = "不存在的部门";

        var department = await JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{id}", body, Ct), HttpStatusCode.BadRequest);
        var phrase = await JsonAsync(await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{id}", Body(sub, phrases: new string('树', 30)), Ct), HttpStatusCode.BadRequest);

        Assert.True(department.GetProperty("errors").TryGetProperty("defaultDepartmentShortName", out _));
        Assert.True(phrase.GetProperty("errors").TryGetProperty("phrases", out _));
    }

    [Fact]
    public async Task TwoAdminsEditingTheSameVersion_TheSecondGets409()
    {
        using var admin = await app.ClientAsAsync("admin");
        var sub = await FindAsync(admin, "0402");
        var id = sub.GetProperty("id").GetGuid();

        var first = await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{id}", Body(sub, phrases: "测试词一"), Ct);
        var second = await admin.PutAsJsonAsync($"/api/v1/attribution/taxonomy/{id}", Body(sub, phrases: "测试词二"), Ct);

        await JsonAsync(first, HttpStatusCode.OK);
        await JsonAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(["测试词一"], (await FindAsync(admin, "0402")).GetProperty("phrases").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    [Fact]
    public async Task AnEditSavedByAnotherInstance_IsPickedUpByTheSyncJob()
    {
        using var admin = await app.ClientAsAsync("admin");
        const string phrase = "另一实例新增的词";
        // Another instance saves straight to the shared database: this instance's catalog does not know yet.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var sub = await db.Set<AttributionCategory>().SingleAsync(c => c.Code == "0302", Ct);
            sub.Phrases += "、" + phrase;
            return await db.SaveChangesAsync(Ct);
        });
        var stale = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/preview", new { text = phrase }, Ct), HttpStatusCode.OK);
        Assert.NotEqual("0302", stale.GetProperty("candidates")[0].GetProperty("code").GetString());

        var reloaded = await app.WithScopeAsync(sp => sp.GetRequiredService<SyncAttributionCatalogJob>().RunOnceAsync(Ct));
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<SyncAttributionCatalogJob>().RunOnceAsync(Ct));

        Assert.Equal(1, reloaded);
        Assert.Equal(0, again); // nothing changed since
        var fresh = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/attribution/preview", new { text = phrase }, Ct), HttpStatusCode.OK);
        Assert.Equal("0302", fresh.GetProperty("candidates")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Commander_CannotEditTheTaxonomy()
    {
        using var commander = await app.ClientAsAsync("commander");

        var response = await commander.PostAsJsonAsync("/api/v1/attribution/taxonomy", new { code = "15", name = "测试" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class ManageTaxonomyTests_Sqlite(SqliteApp app) : ManageTaxonomyTests(app), IClassFixture<SqliteApp>;

public sealed class ManageTaxonomyTests_Postgres(PostgresApp app) : ManageTaxonomyTests(app), IClassFixture<PostgresApp>;
