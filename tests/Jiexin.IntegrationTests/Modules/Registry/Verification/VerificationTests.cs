using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.Verification;

/// <summary>核查: a campaign makes a task per grid; the grid worker corrects on site with GPS; the diff is kept; progress per grid.</summary>
public abstract class VerificationTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(double Lat, double Lng)> PointInGridAsync(Guid gridId)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grids = JsonNode.Parse(await commander.GetStringAsync("/api/v1/territory/grids", Ct))!;
        var feature = grids["features"]!.AsArray().First(f => Guid.Parse((string)f!["id"]!) == gridId)!;
        var geometry = feature["geometry"]!;
        var ring = ((string?)geometry["type"] == "MultiPolygon" ? geometry["coordinates"]![0]![0] : geometry["coordinates"]![0])!.AsArray();
        var points = ring.Take(ring.Count - 1).Select(p => (Lng: (double)p![0]!, Lat: (double)p[1]!)).ToList();
        return (points.Average(p => p.Lat), points.Average(p => p.Lng));
    }

    [Fact]
    public async Task A_campaign_gives_the_grid_worker_a_checklist_and_a_correction_on_site_is_kept_as_a_diff_and_counted()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        var name = "核查" + Guid.NewGuid().ToString("N")[..6];
        var oldPhone = NewPhone();
        var personId = await CreatePersonAsync(grid, new { name, idNumber = NewIdNumber(), phone = oldPhone });

        using var commander = await app.ClientAsAsync("commander");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        var started = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = "季度核查" + name, dueOn = due }, Ct), HttpStatusCode.Created);
        var campaignId = started.GetProperty("id").GetGuid();
        Assert.True(started.GetProperty("items").GetInt32() > 0);

        var tasks = await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK);
        var item = tasks.EnumerateArray().Single(t => t.GetProperty("personId").GetGuid() == personId && t.GetProperty("campaignId").GetGuid() == campaignId);
        Assert.Equal(oldPhone[..3] + "****" + oldPhone[^4..], item.GetProperty("phone").GetString());
        var itemId = item.GetProperty("id").GetGuid();

        // Outside the territory is refused; the sibling grid's worker cannot even see the item.
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed", latitude = 39.9, longitude = 116.4 }, Ct), HttpStatusCode.BadRequest);
        var sibling = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        using var other = await app.ClientAsAsync(sibling.UserName, TestAccounts.Password);
        await JsonAsync(await other.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed" }, Ct), HttpStatusCode.NotFound);

        var (lat, lng) = await PointInGridAsync(units.Grid.Id);
        var newPhone = NewPhone();
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}",
            new { outcome = "Corrected", latitude = lat, longitude = lng, phone = newPhone, residenceType = "Floating", version = item.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.NoContent);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}", new { outcome = "Confirmed" }, Ct), HttpStatusCode.Conflict);

        var (stored, person) = await LoadAsync(itemId, personId);
        Assert.Equal(VerificationOutcome.Corrected, stored.Outcome);
        Assert.Equal(VerificationReview.Pending, stored.Review);
        Assert.Equal(lat, stored.Latitude);
        Assert.Contains("phone", stored.Changes);
        Assert.Contains(newPhone[..3] + "****" + newPhone[^4..], stored.Changes);
        Assert.DoesNotContain(newPhone, stored.Changes);
        Assert.DoesNotContain(oldPhone, stored.Changes);
        Assert.DoesNotContain(newPhone, stored.ProposedPhoneCipher);

        // Proposed, not applied: the record is unchanged until the community approves.
        Assert.Null(person.VerifiedAt);
        Assert.NotEqual(ResidenceType.Floating, person.ResidenceType);
        var before = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{personId}/reveal", new { field = "phone", reason = "核对核查更正" }, Ct), HttpStatusCode.OK);
        Assert.Equal(oldPhone, before.GetProperty("value").GetString());

        var awaiting = await JsonAsync(await commander.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        Assert.Equal(1, awaiting.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("gridId").GetGuid() == units.Grid.Id).GetProperty("awaitingReview").GetInt32());

        // The grid worker cannot approve their own finding; the community does, against the version it saw.
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}/review", new { approve = true, version = stored.Version }, Ct), HttpStatusCode.Forbidden);
        using var community = await app.ClientAsAsync("community01");
        var queue = await JsonAsync(await community.GetAsync($"/api/v1/registry/verification/reviews?campaignId={campaignId}", Ct), HttpStatusCode.OK);
        var pending = queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("itemId").GetGuid() == itemId);
        Assert.Equal("Corrected", pending.GetProperty("outcome").GetString());
        var phoneChange = pending.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "phone");
        Assert.Equal(newPhone[..3] + "****" + newPhone[^4..], phoneChange.GetProperty("new").GetString());
        await JsonAsync(await community.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}/review", new { approve = true, version = stored.Version + 1 }, Ct), HttpStatusCode.Conflict);
        await JsonAsync(await community.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}/review", new { approve = true, version = stored.Version }, Ct), HttpStatusCode.NoContent);
        await JsonAsync(await community.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}/review", new { approve = true, version = stored.Version + 1 }, Ct), HttpStatusCode.Conflict);

        (stored, person) = await LoadAsync(itemId, personId);
        Assert.Equal(VerificationReview.Approved, stored.Review);
        Assert.Null(stored.ProposedPhoneCipher);
        Assert.NotNull(person.VerifiedAt);
        Assert.Equal(ResidenceType.Floating, person.ResidenceType);
        var revealed = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{personId}/reveal", new { field = "phone", reason = "核对核查更正" }, Ct), HttpStatusCode.OK);
        Assert.Equal(newPhone, revealed.GetProperty("value").GetString());

        var progress = await JsonAsync(await commander.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        var row = progress.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("gridId").GetGuid() == units.Grid.Id);
        Assert.Equal(1, row.GetProperty("corrected").GetInt32());
        Assert.Equal(row.GetProperty("total").GetInt32() - 1, row.GetProperty("pending").GetInt32());
        Assert.False(row.GetProperty("overdue").GetBoolean());
        // The grid worker's view of the progress has their grid only.
        var own = await JsonAsync(await grid.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        Assert.Equal([units.Grid.Id], own.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("gridId").GetGuid()));
        Assert.DoesNotContain(await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK).ContinueWith(t => t.Result.EnumerateArray().ToList(), Ct),
            t => t.GetProperty("id").GetGuid() == itemId);
    }

    private Task<(VerificationItem Item, Person Person)> LoadAsync(Guid itemId, Guid personId) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            return (await db.Set<VerificationItem>().AsNoTracking().SingleAsync(i => i.Id == itemId, Ct),
                await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == personId, Ct));
        });

    [Fact]
    public async Task Moving_out_and_adding_on_site_wait_for_the_community_which_applies_or_rejects_them()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var leaverId = await CreatePersonAsync(grid, new { name = "迁出" + tag, idNumber = NewIdNumber() });
        using var commander = await app.ClientAsAsync("commander");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        var campaignId = (await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = "迁出新增" + tag, dueOn = due }, Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var item = (await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK)).EnumerateArray()
            .Single(t => t.GetProperty("personId").GetGuid() == leaverId && t.GetProperty("campaignId").GetGuid() == campaignId);
        var (lat, lng) = await PointInGridAsync(units.Grid.Id);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/items/{item.GetProperty("id").GetGuid()}",
            new { outcome = "MovedOut", latitude = lat, longitude = lng, note = "已搬至外地", version = item.GetProperty("version").GetInt32() }, Ct), HttpStatusCode.NoContent);

        // 新增: bad input names the field; a known ID number is a conflict; a good one is registered in the grid at once.
        var addUrl = $"/api/v1/registry/verification/campaigns/{campaignId}/people";
        var bad = await JsonAsync(await grid.PostAsJsonAsync(addUrl, new { name = "新增" + tag, idNumber = WithBadChecksum(NewIdNumber()), latitude = lat, longitude = lng }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("idNumber", out _), bad.ToString());
        var knownId = NewIdNumber();
        await CreatePersonAsync(grid, new { name = "已有" + tag, idNumber = knownId });
        await JsonAsync(await grid.PostAsJsonAsync(addUrl, new { name = "重复" + tag, idNumber = knownId }, Ct), HttpStatusCode.Conflict);
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/verification/campaigns/{Guid.NewGuid()}/people", new { name = "无任务" + tag }, Ct), HttpStatusCode.NotFound);
        var keep = await JsonAsync(await grid.PostAsJsonAsync(addUrl, new { name = "新住户" + tag, idNumber = NewIdNumber(), phone = NewPhone(), residenceType = "Floating", latitude = lat, longitude = lng }, Ct), HttpStatusCode.Created);
        var drop = await JsonAsync(await grid.PostAsJsonAsync(addUrl, new { name = "误报" + tag, latitude = lat, longitude = lng }, Ct), HttpStatusCode.Created);
        var kept = await JsonAsync(await grid.GetAsync($"/api/v1/registry/people/{keep.GetProperty("personId").GetGuid()}", Ct), HttpStatusCode.OK);
        Assert.Equal(units.Grid.Id, kept.GetProperty("gridId").GetGuid());

        // Another community's staff see none of it.
        var outsider = await app.CreateAccountAsync(Roles.CommunityStaff, units.OtherCommunity);
        using var other = await app.ClientAsAsync(outsider.UserName, TestAccounts.Password);
        var theirs = await JsonAsync(await other.GetAsync($"/api/v1/registry/verification/reviews?campaignId={campaignId}", Ct), HttpStatusCode.OK);
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        await JsonAsync(await other.PostAsJsonAsync($"/api/v1/registry/verification/items/{keep.GetProperty("itemId").GetGuid()}/review", new { approve = true, version = 0 }, Ct), HttpStatusCode.NotFound);

        using var community = await app.ClientAsAsync("community01");
        var queue = (await JsonAsync(await community.GetAsync($"/api/v1/registry/verification/reviews?campaignId={campaignId}", Ct), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("itemId").GetGuid());
        Assert.Equal(3, queue.Count);
        async Task DecideAsync(Guid itemId, bool approve, string? note, HttpStatusCode expected = HttpStatusCode.NoContent) =>
            await JsonAsync(await community.PostAsJsonAsync($"/api/v1/registry/verification/items/{itemId}/review",
                new { approve, note, version = queue[itemId].GetProperty("version").GetInt32() }, Ct), expected);

        var moveItem = item.GetProperty("id").GetGuid();
        Assert.Equal("MovedOut", queue[moveItem].GetProperty("outcome").GetString());
        var noReason = await JsonAsync(await community.PostAsJsonAsync($"/api/v1/registry/verification/items/{drop.GetProperty("itemId").GetGuid()}/review",
            new { approve = false, version = queue[drop.GetProperty("itemId").GetGuid()].GetProperty("version").GetInt32() }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("note", out _));
        await DecideAsync(moveItem, true, null);
        await DecideAsync(keep.GetProperty("itemId").GetGuid(), true, null);
        await DecideAsync(drop.GetProperty("itemId").GetGuid(), false, "查无此人");

        // Moved out: kept, but out of the list and of the next campaign; the added person stays, verified; the rejected one is gone.
        var (_, leaver) = await LoadAsync(moveItem, leaverId);
        Assert.NotNull(leaver.MovedOutAt);
        var name = Uri.EscapeDataString("迁出" + tag);
        Assert.Equal(0, (await JsonAsync(await community.GetAsync($"/api/v1/registry/people?name={name}", Ct), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await JsonAsync(await community.GetAsync($"/api/v1/registry/people?name={name}&includeMovedOut=true", Ct), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        var next = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = "下一轮" + tag, dueOn = due }, Ct), HttpStatusCode.Created);
        var nextId = next.GetProperty("id").GetGuid();
        var nextItems = (await JsonAsync(await grid.GetAsync("/api/v1/registry/verification/my", Ct), HttpStatusCode.OK)).EnumerateArray()
            .Where(t => t.GetProperty("campaignId").GetGuid() == nextId).Select(t => t.GetProperty("personId").GetGuid()).ToHashSet();
        Assert.DoesNotContain(leaverId, nextItems);
        Assert.Contains(keep.GetProperty("personId").GetGuid(), nextItems);
        var added = await JsonAsync(await grid.GetAsync($"/api/v1/registry/people/{keep.GetProperty("personId").GetGuid()}", Ct), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, added.GetProperty("verifiedAt").ValueKind);
        await JsonAsync(await grid.GetAsync($"/api/v1/registry/people/{drop.GetProperty("personId").GetGuid()}", Ct), HttpStatusCode.NotFound);

        var decided = await JsonAsync(await community.GetAsync($"/api/v1/registry/verification/reviews?campaignId={campaignId}&review=Approved", Ct), HttpStatusCode.OK);
        Assert.Equal(2, decided.GetProperty("total").GetInt32());
        var progress = await JsonAsync(await commander.GetAsync($"/api/v1/registry/verification/campaigns/{campaignId}", Ct), HttpStatusCode.OK);
        var row = progress.GetProperty("grids").EnumerateArray().Single(g => g.GetProperty("gridId").GetGuid() == units.Grid.Id);
        Assert.Equal(1, row.GetProperty("added").GetInt32());
        Assert.Equal(1, row.GetProperty("movedOut").GetInt32());
        Assert.Equal(0, row.GetProperty("awaitingReview").GetInt32());
    }

    [Fact]
    public async Task A_closed_campaign_is_not_offered_for_adding_people_on_site()
    {
        using var grid = await app.ClientAsAsync("grid01");
        var tag = Guid.NewGuid().ToString("N")[..6];
        await CreatePersonAsync(grid, new { name = "关闭" + tag, idNumber = NewIdNumber() });
        using var commander = await app.ClientAsAsync("commander");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30);
        async Task<Guid> StartAsync(string name) =>
            (await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/verification/campaigns", new { name = name + tag, dueOn = due }, Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var open = await StartAsync("进行中");
        var closed = await StartAsync("已关闭");
        var closedAt = DateTime.UtcNow;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var campaign = await db.Set<VerificationCampaign>().SingleAsync(c => c.Id == closed, Ct);
            campaign.ClosedAt = closedAt;
            return await db.SaveChangesAsync(Ct);
        });

        // The list says which is closed; the grid worker's "add on site" choice offers only the open one.
        var listed = (await JsonAsync(await commander.GetAsync("/api/v1/registry/verification/campaigns", Ct), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, listed.Single(c => c.GetProperty("id").GetGuid() == open).GetProperty("closedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, listed.Single(c => c.GetProperty("id").GetGuid() == closed).GetProperty("closedAt").ValueKind);
        var offered = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<JiexinUser>>();
            var principal = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<JiexinUser>>()
                .CreateAsync((await users.FindByNameAsync("grid01"))!);
            return await sp.GetRequiredService<Jiexin.Modules.Registry.Verification.Verification.Handler>().OpenCampaignsAsync(principal, Ct);
        });
        Assert.Contains(offered, c => c.Id == open);
        Assert.DoesNotContain(offered, c => c.Id == closed);
    }
}

public sealed class VerificationTests_Sqlite(SqliteApp app) : VerificationTests(app), IClassFixture<SqliteApp>;

public sealed class VerificationTests_Postgres(PostgresApp app) : VerificationTests(app), IClassFixture<PostgresApp>;
