using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.IntegrationTests.Platform.Media;
using Jiexin.Modules.ServiceLists.Domain;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Notifications.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.ServiceLists.ListsApi;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>
/// 销号 with evidence photos, the resident told when their need is closed, the audited reveal of a resource's contact
/// phone, editing that keeps the sealed phone, and what a department account sees of the lists.
/// </summary>
public abstract class ListClosingTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ListsApi _api = new(app);

    private static async Task<List<Guid>> UploadAsync(HttpClient client, int count, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < count; i++)
        {
            var photo = new ByteArrayContent(MediaTestHost.Jpeg(320 + i, 240));
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(photo, "photos", $"evidence{i}.jpg");
        }

        var body = await ReadAsync(client.PostAsync("/api/v1/lists/photos", form, Ct), expected);
        return expected == HttpStatusCode.Created ? [.. body.EnumerateArray().Select(Id)] : [];
    }

    private static Task<JsonElement> CloseWithPhotosAsync(HttpClient client, JsonElement item, string evidence, IReadOnlyList<Guid> photoIds, HttpStatusCode expected = HttpStatusCode.OK) =>
        ReadAsync(client.PostAsJsonAsync($"/api/v1/lists/items/{Id(item)}/close", new { version = item.GetProperty("version").GetInt32(), evidence, photoIds }, Ct), expected);

    [Fact]
    public async Task Closing_carries_evidence_photos_that_the_items_staff_and_its_resident_see_and_nobody_else()
    {
        var places = await _api.PlacesAsync();
        using var resident = await app.ClientAsAsync("resident01");
        using var community = await app.ClientAsAsync("community01");
        using var grid = await app.ClientAsAsync("grid01");
        using var commander = await app.ClientAsAsync("commander");
        var mine = await ReadAsync(resident.PostAsJsonAsync("/api/v1/lists/my-needs", new { title = Unique("楼下健身器材坏了"), category = "文体活动", communityId = places.Community1 }, Ct), HttpStatusCode.Created);
        var need = await GetAsync(community, Id(mine));

        // Another account's upload cannot be attached; nor can more than five photos.
        var commandersUpload = await UploadAsync(commander, 1);
        var refused = await CloseWithPhotosAsync(community, need, "已维修", commandersUpload, HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("photoIds", out _));
        await UploadAsync(community, 6, HttpStatusCode.BadRequest);
        await ReadAsync(community.PostAsJsonAsync("/api/v1/lists/photos", new { photos = "x" }, Ct), HttpStatusCode.UnsupportedMediaType);

        var photos = await UploadAsync(community, 2);
        var closed = await CloseWithPhotosAsync(community, need, "11 月 28 日更换了两台器材", photos);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(photos, closed.GetProperty("evidencePhotos").EnumerateArray().Select(Id));
        var thumbnail = closed.GetProperty("evidencePhotos")[0].GetProperty("thumbnailUrl").GetString()!;

        // The closer's staff and the resident whose need it is see the photos; a grid worker elsewhere does not.
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync(thumbnail, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync(thumbnail, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync(thumbnail, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync(thumbnail, Ct)).StatusCode);
        using var otherResident = await app.ClientAsAsync("resident02");
        Assert.Equal(HttpStatusCode.NotFound, (await otherResident.GetAsync(thumbnail, Ct)).StatusCode);

        // The resident's list shows them; the photos cannot be attached a second time.
        var after = (await ReadAsync(resident.GetAsync("/api/v1/lists/my-needs", Ct), HttpStatusCode.OK)).EnumerateArray().Single(n => Id(n) == Id(mine));
        Assert.Equal(photos, after.GetProperty("evidencePhotos").EnumerateArray().Select(Id));
        var other = await CreateAsync(community, Need(Unique("另一需求"), places.Community1));
        await CloseWithPhotosAsync(community, other, "复用照片", photos, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_resident_is_notified_once_when_their_need_is_closed_and_sees_it_closed()
    {
        var places = await _api.PlacesAsync();
        using var resident = await app.ClientAsAsync("resident02");
        using var community = await app.ClientAsAsync("community01");
        var mine = await ReadAsync(resident.PostAsJsonAsync("/api/v1/lists/my-needs", new { title = Unique("小区缺少快递柜"), category = "便民维修", communityId = places.Community1 }, Ct), HttpStatusCode.Created);
        var staffNeed = await CreateAsync(community, Need(Unique("网格走访需求"), places.Community1));

        await CloseAsync(community, await GetAsync(community, Id(mine)), "已协调快递公司在 3 号楼旁设柜");
        await CloseAsync(community, staffNeed, "已办");

        // Written with the closing, once; a need raised by staff tells nobody.
        var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DedupeKey == $"lists_need_closed:{Id(mine):N}" || m.DedupeKey == $"lists_need_closed:{Id(staffNeed):N}").ToListAsync(Ct));
        var row = Assert.Single(rows);
        Assert.Equal($"lists_need_closed:{Id(mine):N}", row.DedupeKey);

        while (await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxDispatcher>().RunOnceAsync(Ct)) > 0)
        {
        }

        var page = await resident.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=100", Ct);
        var told = Assert.Single(page.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("subjectId").ValueKind == JsonValueKind.String && n.GetProperty("subjectId").GetGuid() == Id(mine));
        Assert.Equal("您提出的需求已办结", told.GetProperty("title").GetString());
        Assert.Contains("已协调快递公司", told.GetProperty("body").GetString());
        Assert.Equal("/m/needs", told.GetProperty("link").GetString());

        // And on the H5 page (a browser session, as a phone would have).
        using var phone = new PageSession(app);
        await phone.LoginAsync("resident02", JiexinApp.DemoPassword);
        var html = await phone.GetHtmlAsync("/m/needs");
        var card = html[html.IndexOf(mine.GetProperty("title").GetString()!, StringComparison.Ordinal)..];
        Assert.Contains("已办结", html);
        Assert.Contains("已协调快递公司在 3 号楼旁设柜", card);
    }

    [Fact]
    public async Task A_contact_phone_is_revealed_only_with_a_reason_and_every_reveal_is_audited_without_the_number()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        using var grid = await app.ClientAsAsync("grid01");
        using var resident = await app.ClientAsAsync("resident01");
        var resource = await CreateAsync(community, Resource(Unique("高校法律援助中心"), places.Community1, phone: "13912340001"));
        var url = $"/api/v1/lists/items/{Id(resource)}/reveal-contact";

        var bad = await ReadAsync(community.PostAsJsonAsync(url, new { reason = "看" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        await ReadAsync(grid.PostAsJsonAsync(url, new { reason = "联系对接志愿服务" }, Ct), HttpStatusCode.NotFound);
        await ReadAsync(resident.PostAsJsonAsync(url, new { reason = "联系对接志愿服务" }, Ct), HttpStatusCode.Forbidden);
        var noPhone = await CreateAsync(community, Resource(Unique("无电话资源"), places.Community1));
        await ReadAsync(community.PostAsJsonAsync($"/api/v1/lists/items/{Id(noPhone)}/reveal-contact", new { reason = "联系对接志愿服务" }, Ct), HttpStatusCode.NotFound);

        var revealed = await ReadAsync(community.PostAsJsonAsync(url, new { reason = "联系对接志愿服务" }, Ct), HttpStatusCode.OK);
        Assert.Equal("13912340001", revealed.GetProperty("value").GetString());

        var entries = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == Id(resource).ToString() && e.Action == "PersonalDataRevealed").ToListAsync(Ct));
        var entry = Assert.Single(entries);
        Assert.Equal("community01", entry.UserName);
        Assert.Equal(nameof(ListItem), entry.EntityType);
        using var details = JsonDocument.Parse(entry.Changes!);
        Assert.Equal("contactPhone", details.RootElement.GetProperty("field").GetProperty("new").GetString());
        Assert.Equal("联系对接志愿服务", details.RootElement.GetProperty("reason").GetProperty("new").GetString());
        Assert.DoesNotContain("13912340001", entry.Changes);
    }

    [Fact]
    public async Task Editing_a_resource_keeps_its_sealed_phone_unless_a_new_one_is_given_or_it_is_removed()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var resource = await CreateAsync(community, Resource(Unique("社区志愿者队"), places.Community1, phone: "13912340002"));

        // The API's own shape sent back (masked phone) keeps the number; so does leaving it out.
        var edited = Editable(resource);
        edited["offer"] = "每周六、周日上门服务";
        var kept = await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(resource)}", edited, Ct), HttpStatusCode.OK);
        Assert.Equal("139****0002", kept.GetProperty("contactPhone").GetString());
        Assert.Equal("每周六、周日上门服务", kept.GetProperty("offer").GetString());
        edited = Editable(kept);
        edited.Remove("contactPhone");
        kept = await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(resource)}", edited, Ct), HttpStatusCode.OK);
        Assert.Equal("139****0002", kept.GetProperty("contactPhone").GetString());

        edited = Editable(kept);
        edited["contactPhone"] = "0571-88886666";
        var replaced = await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(resource)}", edited, Ct), HttpStatusCode.OK);
        Assert.NotEqual("139****0002", replaced.GetProperty("contactPhone").GetString());
        var revealed = await ReadAsync(community.PostAsJsonAsync($"/api/v1/lists/items/{Id(resource)}/reveal-contact", new { reason = "核对新号码" }, Ct), HttpStatusCode.OK);
        Assert.Equal("057188886666", revealed.GetProperty("value").GetString());

        edited = Editable(replaced);
        edited["contactPhone"] = "";
        var removed = await ReadAsync(community.PutAsJsonAsync($"/api/v1/lists/items/{Id(resource)}", edited, Ct), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("contactPhone").ValueKind);
        var cipher = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<ListItem>().AsNoTracking()
            .Where(i => i.Id == Id(resource)).Select(i => i.ContactPhoneCipher).SingleAsync(Ct));
        Assert.Null(cipher);
    }

    [Fact]
    public async Task Malformed_bodies_to_the_new_endpoints_are_4xx_problems_never_500()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var need = await CreateAsync(community, Need(Unique("畸形输入"), places.Community1));
        var resource = await CreateAsync(community, Resource(Unique("畸形输入资源"), places.Community1, phone: "13912340003"));
        var cases = new (string Url, string Body)[]
        {
            ($"/api/v1/lists/items/{Id(need)}/close", "{\"version\":\"x\",\"evidence\":\"已办\"}"),
            ($"/api/v1/lists/items/{Id(need)}/close", "{\"version\":1,\"evidence\":\"已办\",\"photoIds\":[\"not-a-guid\"]}"),
            ($"/api/v1/lists/items/{Id(need)}/close", "{\"version\":1,\"evidence\":\"已办\",\"photoIds\":\"x\"}"),
            ($"/api/v1/lists/items/{Id(need)}/close", "[]"),
            ($"/api/v1/lists/items/{Id(resource)}/reveal-contact", "{\"reason\":123}"),
            ($"/api/v1/lists/items/{Id(resource)}/reveal-contact", "not json"),
            ($"/api/v1/lists/items/{Id(resource)}/reveal-contact", "{\"reason\":\"" + new string('长', 500) + "\"}"),
        };
        foreach (var (url, body) in cases)
        {
            var response = await community.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url} {body}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Nothing was closed or revealed by any of them.
        Assert.Equal("Open", (await GetAsync(community, Id(need))).GetProperty("status").GetString());
        var reveals = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .CountAsync(e => e.EntityId == Id(resource).ToString() && e.Action == "PersonalDataRevealed", Ct));
        Assert.Equal(0, reveals);
    }

    [Fact]
    public async Task A_department_account_sees_no_community_or_grid_item_and_cannot_list_there()
    {
        var places = await _api.PlacesAsync();
        using var commander = await app.ClientAsAsync("commander");
        using var dept = await app.ClientAsAsync("dept-cg");
        using var grid = await app.ClientAsAsync("grid01");
        var tag = Unique("隔离");
        var communityNeed = await CreateAsync(commander, Need($"{tag} 社区", places.Community1));
        var gridNeed = await CreateAsync(commander, Need($"{tag} 网格", places.Community1, places.Grid1));
        var otherGridNeed = await CreateAsync(commander, Need($"{tag} 另一网格", places.Community1, places.Grid2));
        var streetResource = await CreateAsync(commander, Resource($"{tag} 全街道资源", null));

        foreach (var item in new[] { communityNeed, gridNeed, otherGridNeed })
        {
            await GetAsync(dept, Id(item), HttpStatusCode.NotFound);
            await CloseAsync(dept, item, "越权销号", HttpStatusCode.NotFound);
        }

        // Listing: the department sees only the street-wide resource (any unit may draw on it); the grid worker also its grid's need.
        var listed = await ReadAsync(dept.GetAsync($"/api/v1/lists/items?q={tag}&pageSize=100", Ct), HttpStatusCode.OK);
        Assert.Equal([Id(streetResource)], listed.GetProperty("items").EnumerateArray().Select(Id));
        listed = await ReadAsync(grid.GetAsync($"/api/v1/lists/items?q={tag}&pageSize=100", Ct), HttpStatusCode.OK);
        Assert.Equal(new[] { Id(gridNeed), Id(streetResource) }.Order(), listed.GetProperty("items").EnumerateArray().Select(Id).Order());
        await GetAsync(grid, Id(otherGridNeed), HttpStatusCode.NotFound);
        await CreateAsync(dept, Need(Unique("部门越权"), places.Community1), HttpStatusCode.Forbidden);
        await CreateAsync(dept, Need(Unique("部门越权"), places.Community1, places.Grid1), HttpStatusCode.Forbidden);

        // The month's export follows the same rule.
        var response = await dept.GetAsync($"/api/v1/lists/export?communityId={places.Community1}&month={communityNeed.GetProperty("month").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var needs = stream.Query(useHeaderRow: true, sheetName: "群众需求清单").Cast<IDictionary<string, object?>>().ToList();
        Assert.DoesNotContain(needs, n => ((string?)n["名称"] ?? "").StartsWith(tag, StringComparison.Ordinal));
    }
}

public sealed class ListClosingTests_Sqlite(SqliteApp app) : ListClosingTests(app), IClassFixture<SqliteApp>;

public sealed class ListClosingTests_Postgres(PostgresApp app) : ListClosingTests(app), IClassFixture<PostgresApp>;
