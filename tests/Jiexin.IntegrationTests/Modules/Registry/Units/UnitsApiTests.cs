using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Modules.Registry.Shared;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.Units;

/// <summary>实有单位 and 道路 over HTTP: create, licence check, the contact's phone sealed/masked/revealed (audited), 409, scope.</summary>
public abstract class UnitsApiTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A checksum-valid 统一社会信用代码 never used before.</summary>
    public static string NewCreditCode()
    {
        var first17 = "9132028" + string.Concat(Enumerable.Range(0, 10).Select(_ => CreditCode.Alphabet[Random.Shared.Next(CreditCode.Alphabet.Length)]));
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private Task<Unit> StoredAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Unit>().AsNoTracking().SingleAsync(u => u.Id == id, Ct));

    private static async Task<Guid> CreateUnitAsync(HttpClient client, object body) =>
        (await JsonAsync(await client.PostAsJsonAsync("/api/v1/registry/units", body, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_unit_is_created_with_its_contact_phone_sealed_and_masked_and_found_by_exact_phone_only()
    {
        using var commander = await app.ClientAsAsync("commander");
        var code = NewCreditCode();
        var phone = NewPhone();
        var id = await CreateUnitAsync(commander, new { kind = "StreetShop", name = "测试沿街便利店", licenceNumber = code.ToLowerInvariant(), contactName = "张店长", contactPhone = phone });

        var unit = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("StreetShop", unit.GetProperty("kind").GetString());
        Assert.Equal(code, unit.GetProperty("licenceNumber").GetString());
        Assert.Equal(phone[..3] + "****" + phone[^4..], unit.GetProperty("contactPhone").GetString());
        Assert.DoesNotContain(phone, unit.GetRawText());

        var stored = await StoredAsync(id);
        Assert.StartsWith("pd1:", stored.ContactPhoneCipher);
        Assert.DoesNotContain(phone, stored.ContactPhoneCipher + stored.ContactPhoneIndex);
        var audit = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == id.ToString()).Select(e => e.Changes).ToListAsync(Ct));
        Assert.NotEmpty(audit);
        Assert.All(audit, json => Assert.DoesNotContain(phone, json ?? ""));

        var byPhone = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units?phone={phone}", Ct), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(byPhone.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var partial = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units?phone={phone[..7]}", Ct), HttpStatusCode.OK);
        Assert.Equal(0, partial.GetProperty("total").GetInt32());
        var byLicence = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units?text={code[4..12]}&kind=StreetShop", Ct), HttpStatusCode.OK);
        Assert.Contains(byLicence.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        var otherKind = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units?text={code[4..12]}&kind=Company", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(otherKind.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("licenceNumber")]
    [InlineData("contactPhone")]
    [InlineData("latitude")]
    public async Task Invalid_fields_are_400_problems_naming_the_field(string field)
    {
        using var commander = await app.ClientAsAsync("commander");
        var code = NewCreditCode();
        object body = field switch
        {
            "name" => new { name = " " },
            "licenceNumber" => new { name = "测试校验位", licenceNumber = code[..17] + (code[17] == '0' ? '1' : '0') },
            "contactPhone" => new { name = "测试电话", contactPhone = "12345" },
            _ => new { name = "测试位置", latitude = 10.0, longitude = 10.0 },
        };
        var response = await commander.PostAsJsonAsync("/api/v1/registry/units", body, Ct);
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Update_keeps_the_phone_when_left_empty_and_a_stale_version_is_409()
    {
        using var commander = await app.ClientAsAsync("commander");
        var phone = NewPhone();
        var id = await CreateUnitAsync(commander, new { name = "测试修改单位", contactPhone = phone });
        var version = (await JsonAsync(await commander.GetAsync($"/api/v1/registry/units/{id}", Ct), HttpStatusCode.OK)).GetProperty("version").GetInt32();

        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/units/{id}", new { name = "测试修改单位后", kind = "Company", version }, Ct), HttpStatusCode.NoContent);
        var after = await JsonAsync(await commander.GetAsync($"/api/v1/registry/units/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("测试修改单位后", after.GetProperty("name").GetString());
        Assert.Equal(phone[..3] + "****" + phone[^4..], after.GetProperty("contactPhone").GetString());

        var stale = await commander.PutAsJsonAsync($"/api/v1/registry/units/{id}", new { name = "测试过期版本", version }, Ct);
        await JsonAsync(stale, HttpStatusCode.Conflict);
        var noVersion = await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/units/{id}", new { name = "测试无版本" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noVersion.GetProperty("errors").TryGetProperty("version", out _));
        Assert.Equal("测试修改单位后", (await StoredAsync(id)).Name);
    }

    [Fact]
    public async Task Reveal_of_the_contact_phone_is_audited_without_the_value_and_refused_to_the_leader()
    {
        using var commander = await app.ClientAsAsync("commander");
        var phone = NewPhone();
        var id = await CreateUnitAsync(commander, new { name = "测试查看单位", contactPhone = phone });

        var noReason = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/units/{id}/reveal", new { field = "contactPhone", reason = "" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        using var leader = await app.ClientAsAsync("leader");
        await JsonAsync(await leader.PostAsJsonAsync($"/api/v1/registry/units/{id}/reveal", new { field = "contactPhone", reason = "联系店主核实" }, Ct), HttpStatusCode.Forbidden);

        var revealed = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/units/{id}/reveal", new { field = "contactPhone", reason = "联系店主核实" }, Ct), HttpStatusCode.OK);
        Assert.Equal(phone, revealed.GetProperty("value").GetString());
        var entry = Assert.Single(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == id.ToString() && e.Action == "PersonalDataRevealed").ToListAsync(Ct)));
        Assert.Equal("commander", entry.UserName);
        Assert.Equal(nameof(Unit), entry.EntityType);
        using var details = JsonDocument.Parse(entry.Changes!);
        Assert.Equal("contactPhone", details.RootElement.GetProperty("field").GetProperty("new").GetString());
        Assert.Equal("联系店主核实", details.RootElement.GetProperty("reason").GetProperty("new").GetString());
        Assert.DoesNotContain(phone, entry.Changes);
    }

    [Fact]
    public async Task A_grid_worker_files_into_their_grid_and_others_outside_it_get_404()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        var id = await CreateUnitAsync(grid, new { name = "测试网格单位" });
        var stored = await StoredAsync(id);
        Assert.Equal(units.Grid.Id, stored.GridId);
        Assert.Equal(units.Community.Id, stored.CommunityId);

        var sibling = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        using var other = await app.ClientAsAsync(sibling.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/registry/units/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/registry/units/{id}", new { name = "测试越权", version = 0 }, Ct)).StatusCode);
        var listed = await JsonAsync(await other.GetAsync("/api/v1/registry/units?text=测试网格单位", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        using var community = await app.ClientAsAsync("community01");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"/api/v1/registry/units/{id}", Ct)).StatusCode);
        using var department = await app.ClientAsAsync("dept-cg");
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/registry/units/{id}", Ct)).StatusCode);
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/registry/units", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_road_takes_the_grid_of_its_point_and_a_stale_version_is_409()
    {
        var units = app.Units();
        var code = app.Territory().GridOutlines.Single(g => g.Id == units.SiblingGrid.Id).Code;
        var (lat, lng) = await Events.Deadlines.EventSteps.PointInGridAsync(app, code);
        using var commander = await app.ClientAsAsync("commander");
        var id = (await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/roads", new { name = "测试新庄支路", lengthMeters = 420.5, latitude = lat, longitude = lng }, Ct), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var road = await JsonAsync(await commander.GetAsync($"/api/v1/registry/roads/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(units.SiblingGrid.Id, road.GetProperty("gridId").GetGuid());
        Assert.Equal(units.Community.Id, road.GetProperty("communityId").GetGuid());
        var version = road.GetProperty("version").GetInt32();
        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/roads/{id}", new { name = "测试新庄支路二", latitude = lat, longitude = lng, version }, Ct), HttpStatusCode.NoContent);
        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/roads/{id}", new { name = "测试过期", latitude = lat, longitude = lng, version }, Ct), HttpStatusCode.Conflict);
        var bad = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/roads", new { name = "测试", lengthMeters = -1 }, Ct), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lengthMeters", out _));

        // grid01 works in the other grid of the community: it may not see or file a road there.
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/v1/registry/roads/{id}", Ct)).StatusCode);
        var refused = await JsonAsync(await grid.PostAsJsonAsync("/api/v1/registry/roads", new { name = "测试越界道路", latitude = lat, longitude = lng }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("latitude", out _));
        var list = await JsonAsync(await commander.GetAsync("/api/v1/registry/roads?text=测试新庄支路二", Ct), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }
}

public sealed class UnitsApiTests_Sqlite(SqliteApp app) : UnitsApiTests(app), IClassFixture<SqliteApp>;

public sealed class UnitsApiTests_Postgres(PostgresApp app) : UnitsApiTests(app), IClassFixture<PostgresApp>;
