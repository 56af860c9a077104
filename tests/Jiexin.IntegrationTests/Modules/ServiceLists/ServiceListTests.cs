using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.ServiceLists.ListsApi;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>三张清单 over HTTP: listing, 销号 with a trail, scope, masked contacts, suggestions, services, publication, export, residents' needs.</summary>
public abstract class ServiceListTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ListsApi _api = new(app);

    [Fact]
    public async Task A_need_is_listed_closed_one_by_one_with_evidence_and_its_trail_shows_who_closed_it()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var title = Unique("独居老人定期理发");
        var need = await CreateAsync(community, Need(title, places.Community1, month: "2026-11"));
        Assert.Equal("Open", need.GetProperty("status").GetString());
        Assert.Equal("2026-11", need.GetProperty("month").GetString());
        Assert.True(need.GetProperty("canEdit").GetBoolean());

        var page = await ReadAsync(community.GetAsync($"/api/v1/lists/items?kind=Need&month=2026-11&communityId={places.Community1}&status=Open&q={title}", Ct), HttpStatusCode.OK);
        Assert.Equal([Id(need)], page.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(0, (await ReadAsync(community.GetAsync($"/api/v1/lists/items?kind=Resource&q={title}", Ct), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Evidence is required; a stale version is refused; then it closes.
        var invalid = await CloseAsync(community, need, " ", HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("evidence", out _));
        var edited = Editable(need);
        edited["ownerName"] = "李委员";
        var updated = await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(need)}", edited, Ct), HttpStatusCode.OK);
        Assert.Equal("李委员", updated.GetProperty("ownerName").GetString());
        await CloseAsync(community, need, "已上门理发 3 次", HttpStatusCode.Conflict);
        await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(need)}", edited, Ct), HttpStatusCode.Conflict);

        var closed = await CloseAsync(community, updated, "11 月 20 日志愿者上门理发，老人签字确认");
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal("11 月 20 日志愿者上门理发，老人签字确认", closed.GetProperty("evidence").GetString());
        Assert.True(closed.GetProperty("closedOnTime").GetBoolean());
        var trail = closed.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["Create", "Update", "Close"], trail.Select(t => t.GetProperty("action").GetString()));
        Assert.Equal("11 月 20 日志愿者上门理发，老人签字确认", trail[^1].GetProperty("note").GetString());
        Assert.Contains("工作人员", trail[^1].GetProperty("actorName").GetString());

        // Closed once only.
        await CloseAsync(community, closed, "再次销号", HttpStatusCode.Conflict);
        var listed = await ReadAsync(community.GetAsync($"/api/v1/lists/items?status=Closed&q={title}", Ct), HttpStatusCode.OK);
        Assert.Equal("Closed", listed.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_field_error_never_a_500()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var problem = await CreateAsync(community, new { kind = "Need", communityId = places.Community1, title = "", category = "", deadline = (string?)null }, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("ownerName", out _));
        Assert.True(errors.TryGetProperty("deadline", out _));
        Assert.True(errors.TryGetProperty("category", out _));
        problem = await CreateAsync(community, Need("月份不对", places.Community1, month: "2026-13"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _));
        problem = await CreateAsync(community, Need("网格不对", places.Community1, grid: places.Community2Grid), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("gridId", out _));
        problem = await CreateAsync(community, Need("没有地点", null), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("communityId", out _));
        await GetAsync(community, Guid.NewGuid(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_see_and_close_only_items_their_scope_covers()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");

        // Outside the caller's unit: refused.
        await CreateAsync(community, Need(Unique("别的社区"), places.Community2), HttpStatusCode.Forbidden);
        await CreateAsync(grid, Need(Unique("社区级"), places.Community1), HttpStatusCode.Forbidden);
        await CreateAsync(grid, Need(Unique("别的网格"), places.Community1, places.Grid2), HttpStatusCode.Forbidden);

        // The grid worker lists in their grid; the community sees and may close it.
        var mine = await CreateAsync(grid, Need(Unique("楼道灯"), places.Community1, places.Grid1));
        Assert.Equal(places.Community1, mine.GetProperty("communityId").GetGuid());
        Assert.True((await GetAsync(community, Id(mine))).GetProperty("canEdit").GetBoolean());

        // Another community's item: invisible to community01 and grid01 (404, not in lists), fine for the street.
        var elsewhere = await CreateAsync(commander, Need(Unique("别处需求"), places.Community2));
        await GetAsync(community, Id(elsewhere), HttpStatusCode.NotFound);
        await GetAsync(grid, Id(elsewhere), HttpStatusCode.NotFound);
        await CloseAsync(community, elsewhere, "越权销号", HttpStatusCode.NotFound);
        var listed = await ReadAsync(community.GetAsync($"/api/v1/lists/items?q={elsewhere.GetProperty("title").GetString()}", Ct), HttpStatusCode.OK);
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
        // A community-level item is not the grid worker's.
        var communityLevel = await CreateAsync(community, Need(Unique("社区层面"), places.Community1));
        await GetAsync(grid, Id(communityLevel), HttpStatusCode.NotFound);

        using var resident = await app.ClientAsAsync("resident01");
        await ReadAsync(resident.GetAsync("/api/v1/lists/items", Ct), HttpStatusCode.Forbidden);
        await GetAsync(resident, Id(mine), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_resources_contact_phone_is_stored_encrypted_and_shown_masked()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var resource = await CreateAsync(community, Resource(Unique("法律服务队"), places.Community1, phone: "139 1234 5678"));
        Assert.Equal("139****5678", resource.GetProperty("contactPhone").GetString());
        var row = (await ReadAsync(community.GetAsync($"/api/v1/lists/items?kind=Resource&q={resource.GetProperty("title").GetString()}", Ct), HttpStatusCode.OK))
            .GetProperty("items")[0];
        Assert.Equal("139****5678", row.GetProperty("contactPhone").GetString());
        Assert.DoesNotContain("13912345678", resource.GetRawText());

        var stored = await app.WithScopeAsync(async sp =>
        {
            var item = await sp.GetRequiredService<JiexinDbContext>().Set<ListItem>().AsNoTracking().SingleAsync(i => i.Id == Id(resource), Ct);
            return (item.ContactPhoneCipher!, sp.GetRequiredService<IPersonalDataProtector>().Decrypt(ListItem.ContactPhoneField, item.ContactPhoneCipher!));
        });
        Assert.DoesNotContain("13912345678", stored.Item1);
        Assert.Equal("13912345678", stored.Item2);

        await CreateAsync(community, Resource(Unique("号码不对"), places.Community1, phone: "12ab"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Resources_are_suggested_for_a_need_by_category_and_place_nearest_first_and_a_service_item_links_them()
    {
        var places = await _api.PlacesAsync();
        using var commander = await app.ClientAsAsync("commander");
        var category = "心理疏导";
        var tag = Unique("建议");
        var street = await CreateAsync(commander, Resource($"{tag}-街道高校", null, categories: [category], capacity: 500));
        var sameCommunity = await CreateAsync(commander, Resource($"{tag}-社区志愿队", places.Community1, places.Grid2, categories: [category, "文体活动"], capacity: 50));
        var sameGrid = await CreateAsync(commander, Resource($"{tag}-网格志愿者", places.Community1, places.Grid1, categories: [category], capacity: 5));
        await CreateAsync(commander, Resource($"{tag}-别的社区", places.Community2, categories: [category], capacity: 1000));
        await CreateAsync(commander, Resource($"{tag}-别的类别", places.Community1, places.Grid1, categories: ["文体活动"], capacity: 1000));
        var closedOne = await CreateAsync(commander, Resource($"{tag}-已撤销", places.Community1, categories: [category], capacity: 1000));
        await CloseAsync(commander, closedOne, "资源已撤销");

        var need = await CreateAsync(commander, Need($"{tag}-需求", places.Community1, places.Grid1, category));
        using var grid = await app.ClientAsAsync("grid01");
        var suggestions = await ReadAsync(grid.GetAsync($"/api/v1/lists/items/{Id(need)}/resource-suggestions", Ct), HttpStatusCode.OK);
        var ours = suggestions.EnumerateArray().Where(s => s.GetProperty("title").GetString()!.StartsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([Id(sameGrid), Id(sameCommunity), Id(street)], ours.Select(Id));
        Assert.Equal(["SameGrid", "SameCommunity", "StreetWide"], ours.Select(s => s.GetProperty("proximity").GetString()));

        // A service item matches the resource to the need; both show the link.
        var service = await CreateAsync(commander, new
        {
            kind = "Service", communityId = places.Community1, title = $"{tag}-心理疏导进网格", category, ownerName = "赵老师", deadline = "2026-12-20",
            resourceId = Id(sameGrid), needIds = new[] { Id(need) },
        });
        Assert.Equal($"{tag}-网格志愿者", service.GetProperty("resourceTitle").GetString());
        Assert.Equal([Id(need)], service.GetProperty("needs").EnumerateArray().Select(Id));
        var served = await GetAsync(commander, Id(need));
        Assert.Equal([Id(service)], served.GetProperty("servedBy").EnumerateArray().Select(Id));

        // A service needs a resource, and only needs of its own community.
        var other = await CreateAsync(commander, Need($"{tag}-别处需求", places.Community2));
        var problem = await CreateAsync(commander, new
        {
            kind = "Service", communityId = places.Community1, title = $"{tag}-错配", category, ownerName = "赵老师", deadline = "2026-12-20",
            resourceId = Id(need), needIds = new[] { Id(other) },
        }, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("resourceId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("needIds", out _));
    }

    [Fact]
    public async Task A_resident_submits_a_need_sees_it_closed_and_reads_the_published_lists_and_staff_export_the_month()
    {
        var places = await _api.PlacesAsync();
        using var resident = await app.ClientAsAsync("resident02");
        var title = Unique("希望小区增设助老餐");
        var invalid = await ReadAsync(resident.PostAsJsonAsync("/api/v1/lists/my-needs", new { title = "", category = "不存在", communityId = places.Community1 }, Ct), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("category", out _));
        var mine = await ReadAsync(resident.PostAsJsonAsync("/api/v1/lists/my-needs", new { title, category = "养老助老", communityId = places.Community1 }, Ct), HttpStatusCode.Created);
        Assert.Equal("Open", mine.GetProperty("status").GetString());
        var month = mine.GetProperty("month").GetString()!;

        using var community = await app.ClientAsAsync("community01");
        var need = await GetAsync(community, Id(mine));
        Assert.Equal("Resident", need.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, need.GetProperty("ownerName").ValueKind);
        Assert.Equal(Jiexin.Modules.ServiceLists.Domain.ListRules.LastDayOf(month).ToString("yyyy-MM-dd"), need.GetProperty("deadline").GetString());
        await CloseAsync(community, need, "已与街道助餐点对接，每日中午送餐");

        var after = (await ReadAsync(resident.GetAsync("/api/v1/lists/my-needs", Ct), HttpStatusCode.OK)).EnumerateArray().Single(n => Id(n) == Id(mine));
        Assert.Equal("Closed", after.GetProperty("status").GetString());
        Assert.Equal("已与街道助餐点对接，每日中午送餐", after.GetProperty("evidence").GetString());
        var detail = await GetAsync(resident, Id(mine));
        Assert.Equal("工作人员", detail.GetProperty("timeline").EnumerateArray().Last().GetProperty("actorName").GetString());
        using var other = await app.ClientAsAsync("resident01");
        await GetAsync(other, Id(mine), HttpStatusCode.NotFound);

        // Not published yet → 404; community staff publish (twice is harmless); residents read it without contact data.
        var resource = await CreateAsync(community, Resource(Unique("助餐点"), places.Community1, categories: ["养老助老"], phone: "13812345678"));
        await ReadAsync(resident.GetAsync($"/api/v1/lists/published?communityId={places.Community2}&month={month}", Ct), HttpStatusCode.NotFound);
        await ReadAsync(community.PostAsJsonAsync("/api/v1/lists/publications", new { communityId = places.Community2, month }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(resident.PostAsJsonAsync("/api/v1/lists/publications", new { communityId = places.Community1, month }, Ct), HttpStatusCode.Forbidden);
        var published = await ReadAsync(community.PostAsJsonAsync("/api/v1/lists/publications", new { communityId = places.Community1, month }, Ct), HttpStatusCode.OK);
        var again = await ReadAsync(community.PostAsJsonAsync("/api/v1/lists/publications", new { communityId = places.Community1, month }, Ct), HttpStatusCode.OK);
        Assert.Equal(published.GetProperty("publishedAt").GetDateTime(), again.GetProperty("publishedAt").GetDateTime());
        var lists = await ReadAsync(resident.GetAsync($"/api/v1/lists/published?communityId={places.Community1}", Ct), HttpStatusCode.OK);
        Assert.Equal(month, lists.GetProperty("month").GetString());
        Assert.Contains(lists.GetProperty("needs").EnumerateArray(), n => Id(n) == Id(mine) && n.GetProperty("status").GetString() == "Closed");
        Assert.Contains(lists.GetProperty("resources").EnumerateArray(), n => Id(n) == Id(resource));
        Assert.DoesNotContain("13812345678", lists.GetRawText());
        Assert.DoesNotContain("138****5678", lists.GetRawText());

        // Export: three sheets, masked phone.
        var response = await community.GetAsync($"/api/v1/lists/export?month={month}&communityId={places.Community1}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["群众需求清单", "治理资源清单", "服务项目清单"], stream.GetSheetNames());
        var needs = stream.Query(useHeaderRow: true, sheetName: "群众需求清单").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(needs, n => (string?)n["名称"] == title && (string?)n["状态"] == "已销号" && (string?)n["来源"] == "居民提交");
        var resources = stream.Query(useHeaderRow: true, sheetName: "治理资源清单").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(resources, x => (string?)x["联系电话"] == "138****5678");
    }
}

public sealed class ServiceListTests_Sqlite(SqliteApp app) : ServiceListTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceListTests_Postgres(PostgresApp app) : ServiceListTests(app), IClassFixture<PostgresApp>;
