using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Audit;
using Jiexin.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.People;

/// <summary>实有人口 over HTTP: create, validation per field, masking, exact search, reveal (allowed, refused, audited), scope.</summary>
public abstract class PeopleApiTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Person> StoredAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == id, Ct));

    [Fact]
    public async Task Create_returns_201_and_get_shows_masked_values_with_birth_date_and_sex_from_the_id_number()
    {
        using var commander = await app.ClientAsAsync("commander");
        var idNumber = NewIdNumber(male: false);
        var phone = NewPhone();
        var id = await CreatePersonAsync(commander, new { name = "测试林小红", idNumber, phone = "+86 " + phone, residenceType = "Floating", tags = new[] { "独居老人", "低保户" } });

        var person = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("测试林小红", person.GetProperty("name").GetString());
        Assert.Equal(idNumber[..6] + "**********" + idNumber[^2..], person.GetProperty("idNumber").GetString());
        Assert.Equal(phone[..3] + "****" + phone[^4..], person.GetProperty("phone").GetString());
        Assert.Equal($"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}", person.GetProperty("birthDate").GetString());
        Assert.Equal("女", person.GetProperty("sex").GetString());
        Assert.Equal("Floating", person.GetProperty("residenceType").GetString());
        Assert.Equal(["独居老人", "低保户"], person.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(person.GetProperty("canReveal").GetBoolean());
        Assert.DoesNotContain(idNumber, person.GetRawText());
        Assert.DoesNotContain(phone, person.GetRawText());

        // At rest: ciphertext and blind indexes only; the audit log of the creation holds no value either.
        var stored = await StoredAsync(id);
        Assert.StartsWith("pd1:", stored.IdNumberCipher);
        Assert.StartsWith("pd1:", stored.PhoneCipher);
        Assert.StartsWith("pd1:", stored.TagsCipher);
        foreach (var column in new[] { stored.IdNumberCipher, stored.IdNumberIndex, stored.PhoneCipher, stored.PhoneIndex, stored.TagsCipher, stored.TagsIndex })
        {
            Assert.DoesNotContain(idNumber, column);
            Assert.DoesNotContain(phone, column);
            Assert.DoesNotContain("独居", column);
        }

        var audit = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == id.ToString()).Select(e => e.Changes).ToListAsync(Ct));
        Assert.NotEmpty(audit);
        Assert.All(audit, json => { Assert.DoesNotContain(idNumber, json ?? ""); Assert.DoesNotContain(phone, json ?? ""); Assert.DoesNotContain("独居", json ?? ""); });
    }

    [Theory]
    [InlineData("name", "", null, null)]
    [InlineData("idNumber", "测试甲", "badchecksum", null)]
    [InlineData("idNumber", "测试乙", "32028219901301123X", null)]
    [InlineData("phone", "测试丙", null, "1234567")]
    public async Task Invalid_fields_are_400_problems_naming_the_field(string field, string name, string? idNumber, string? phone)
    {
        using var commander = await app.ClientAsAsync("commander");
        if (idNumber == "badchecksum")
        {
            idNumber = WithBadChecksum(NewIdNumber());
        }

        var response = await commander.PostAsJsonAsync("/api/v1/registry/people", new { name, idNumber, phone }, Ct);
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(field switch { "name" => "姓名", "idNumber" => "身份证号", _ => "手机" }, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Only_the_name_is_required_and_an_unlocated_record_belongs_to_the_creating_staff_members_community()
    {
        var units = app.Units();
        using var community = await app.ClientAsAsync("community01");
        var id = await CreatePersonAsync(community, new { name = "测试未定位" });
        var stored = await StoredAsync(id);
        Assert.Equal(units.Community.Id, stored.CommunityId);
        Assert.Null(stored.GridId);
        Assert.Null(stored.IdNumberCipher);

        // The community sees it; a grid worker of that community does not (not in their grid yet).
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_same_id_number_twice_is_409()
    {
        using var commander = await app.ClientAsAsync("commander");
        var idNumber = NewIdNumber();
        await CreatePersonAsync(commander, new { name = "测试重复一", idNumber });
        // Lower-case x and spaces are the same number.
        var response = await commander.PostAsJsonAsync("/api/v1/registry/people", new { name = "测试重复二", idNumber = " " + idNumber.ToLowerInvariant() + " " }, Ct);
        var problem = await JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("已登记", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Exact_search_by_id_number_or_phone_goes_through_the_blind_index_and_partial_numbers_find_nothing()
    {
        using var commander = await app.ClientAsAsync("commander");
        var idNumber = NewIdNumber();
        var phone = NewPhone();
        var id = await CreatePersonAsync(commander, new { name = "测试检索", idNumber, phone });

        async Task<List<Guid>> SearchAsync(string number)
        {
            var page = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people?number={Uri.EscapeDataString(number)}", Ct), HttpStatusCode.OK);
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        }

        Assert.Equal([id], await SearchAsync(idNumber));
        Assert.Equal([id], await SearchAsync(phone[..3] + "-" + phone[3..7] + "-" + phone[7..]));
        Assert.Empty(await SearchAsync(idNumber[..10]));
        Assert.Empty(await SearchAsync(phone[..7]));

        var byName = await JsonAsync(await commander.GetAsync("/api/v1/registry/people?name=测试检索", Ct), HttpStatusCode.OK);
        var row = Assert.Single(byName.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(idNumber[..6] + "**********" + idNumber[^2..], row.GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task Reveal_with_a_reason_shows_the_full_value_and_is_audited_without_the_value()
    {
        using var commander = await app.ClientAsAsync("commander");
        var idNumber = NewIdNumber();
        var phone = NewPhone();
        var id = await CreatePersonAsync(commander, new { name = "测试查看", idNumber, phone });

        var revealed = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "idNumber", reason = "核实低保申请材料" }, Ct), HttpStatusCode.OK);
        Assert.Equal(idNumber, revealed.GetProperty("value").GetString());
        var revealedPhone = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "phone", reason = "电话联系走访" }, Ct), HttpStatusCode.OK);
        Assert.Equal(phone, revealedPhone.GetProperty("value").GetString());

        var entries = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityId == id.ToString() && e.Action == "PersonalDataRevealed").OrderBy(e => e.OccurredAt).ToListAsync(Ct));
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("commander", e.UserName));
        Assert.All(entries, e => Assert.Equal(nameof(Person), e.EntityType));
        static (string? Field, string? Reason) Details(AuditEntry e)
        {
            using var json = JsonDocument.Parse(e.Changes!);
            return (json.RootElement.GetProperty("field").GetProperty("new").GetString(), json.RootElement.GetProperty("reason").GetProperty("new").GetString());
        }

        Assert.Equal(("idNumber", "核实低保申请材料"), Details(entries[0]));
        Assert.Equal(("phone", "电话联系走访"), Details(entries[1]));
        Assert.All(entries, e => { Assert.DoesNotContain(idNumber, e.Changes); Assert.DoesNotContain(phone, e.Changes); });
    }

    [Fact]
    public async Task Reveal_is_refused_without_a_reason_for_an_unknown_field_and_for_a_role_that_may_not_reveal_and_nothing_is_audited()
    {
        using var commander = await app.ClientAsAsync("commander");
        var id = await CreatePersonAsync(commander, new { name = "测试拒绝", idNumber = NewIdNumber() });

        var noReason = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "idNumber", reason = " " }, Ct), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var badField = await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "name", reason = "核实身份信息" }, Ct), HttpStatusCode.BadRequest);
        Assert.True(badField.GetProperty("errors").TryGetProperty("field", out _));

        // The leader reads the whole street, masked, but may not reveal.
        using var leader = await app.ClientAsAsync("leader");
        var masked = await JsonAsync(await leader.GetAsync($"/api/v1/registry/people/{id}", Ct), HttpStatusCode.OK);
        Assert.False(masked.GetProperty("canReveal").GetBoolean());
        await JsonAsync(await leader.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "idNumber", reason = "核实身份信息" }, Ct), HttpStatusCode.Forbidden);

        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<AuditEntry>()
            .CountAsync(e => e.EntityId == id.ToString() && e.Action == "PersonalDataRevealed", Ct));
        Assert.Equal(0, audited);
    }

    [Fact]
    public async Task A_grid_worker_sees_their_grid_only_and_residents_and_departments_see_nothing()
    {
        var units = app.Units();
        using var grid = await app.ClientAsAsync("grid01");
        var idNumber = NewIdNumber();
        var id = await CreatePersonAsync(grid, new { name = "测试网格人员", idNumber });
        var stored = await StoredAsync(id);
        Assert.Equal(units.Grid.Id, stored.GridId);
        Assert.Equal(units.Community.Id, stored.CommunityId);

        // The creating grid worker reveals it (on site, audited); the worker of the sibling grid gets 404 everywhere.
        await JsonAsync(await grid.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "idNumber", reason = "入户核查身份" }, Ct), HttpStatusCode.OK);
        var sibling = await app.CreateAccountAsync(Roles.GridWorker, units.SiblingGrid);
        using var other = await app.ClientAsAsync(sibling.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/registry/people/{id}/reveal", new { field = "idNumber", reason = "入户核查身份" }, Ct)).StatusCode);
        var searched = await JsonAsync(await other.GetAsync($"/api/v1/registry/people?number={idNumber}", Ct), HttpStatusCode.OK);
        Assert.Equal(0, searched.GetProperty("total").GetInt32());

        // The community and the street see it; another community does not.
        using var community = await app.ClientAsAsync("community01");
        Assert.Equal(HttpStatusCode.OK, (await community.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
        var otherCommunity = await app.CreateAccountAsync(Roles.CommunityStaff, units.OtherCommunity);
        using var otherStaff = await app.ClientAsAsync(otherCommunity.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);

        using var department = await app.ClientAsAsync("dept-cg");
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
        using var resident = await app.ClientAsAsync("resident01");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/api/v1/registry/people/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/v1/registry/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task Update_keeps_the_stored_id_number_when_left_empty_and_a_stale_version_is_409()
    {
        using var commander = await app.ClientAsAsync("commander");
        var idNumber = NewIdNumber();
        var id = await CreatePersonAsync(commander, new { name = "测试修改", idNumber });
        var before = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people/{id}", Ct), HttpStatusCode.OK);
        var version = before.GetProperty("version").GetInt32();

        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/people/{id}", new { name = "测试修改后", version, residenceType = "Overseas" }, Ct), HttpStatusCode.NoContent);
        var after = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("测试修改后", after.GetProperty("name").GetString());
        Assert.Equal(before.GetProperty("idNumber").GetString(), after.GetProperty("idNumber").GetString());
        Assert.Equal("Overseas", after.GetProperty("residenceType").GetString());

        await JsonAsync(await commander.PutAsJsonAsync($"/api/v1/registry/people/{id}", new { name = "测试旧版本", version }, Ct), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_person_at_a_standard_address_takes_its_grid_and_a_grid_worker_cannot_file_into_another_grid()
    {
        var units = app.Units();
        using var commander = await app.ClientAsAsync("commander");
        var road = "测试路" + Random.Shared.Next(1000, 9999);
        var address = await JsonAsync(await commander.PostAsJsonAsync("/api/v1/registry/addresses",
            new { communityId = units.Community.Id, road, number = "1号", building = "2幢", room = "101室" }, Ct), HttpStatusCode.Created);
        var addressId = address.GetProperty("id").GetGuid();
        Assert.EndsWith(road + "1号2幢101室", address.GetProperty("label").GetString());

        var id = await CreatePersonAsync(commander, new { name = "测试有地址", addressId });
        var person = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal(address.GetProperty("label").GetString(), person.GetProperty("address").GetString());
        Assert.Equal(units.Community.Id, person.GetProperty("communityId").GetGuid());

        // That address has no grid yet: grid01 cannot see it, so cannot file a person there.
        using var grid = await app.ClientAsAsync("grid01");
        var refused = await JsonAsync(await grid.PostAsJsonAsync("/api/v1/registry/people", new { name = "测试越权", addressId }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("addressId", out _));
    }
}

public sealed class PeopleApiTests_Sqlite(SqliteApp app) : PeopleApiTests(app), IClassFixture<SqliteApp>;

public sealed class PeopleApiTests_Postgres(PostgresApp app) : PeopleApiTests(app), IClassFixture<PostgresApp>;
