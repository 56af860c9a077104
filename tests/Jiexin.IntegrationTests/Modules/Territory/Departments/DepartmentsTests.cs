using System.Net;
using System.Net.Http.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.Territory.Communities.TerritoryTestData;

namespace Jiexin.IntegrationTests.Modules.Territory.Departments;

/// <summary>部门 API: create, list by kind, edit with optimistic concurrency, delete; editors only.</summary>
public abstract class DepartmentsTests(JiexinApp app)
{
    private const string Url = "/api/v1/territory/departments";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Crud_CreateListUpdateDelete()
    {
        await EnsureStreetAsync(app);
        using var admin = await app.ClientAsAsync("admin");
        var name = Unique("测试供电公司");
        var shortName = Unique("电")[..6];

        var created = await admin.PostAsJsonAsync(Url, new { name, shortName, kind = "Utility", phone = "0510-8765 4321", sortOrder = 5 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var department = (await created.Content.ReadFromJsonAsync<DepartmentDto>(Ct))!;
        Assert.Equal("Utility", department.Kind);
        Assert.Equal(created.Headers.Location?.ToString(), $"{Url}/{department.Id}");

        var utilities = await admin.GetFromJsonAsync<PageDto>($"{Url}?kind=Utility&keyword={Uri.EscapeDataString(name)}", Ct);
        var functional = await admin.GetFromJsonAsync<PageDto>($"{Url}?kind=Functional&keyword={Uri.EscapeDataString(name)}", Ct);
        Assert.Equal(department.Id, Assert.Single(utilities!.Items).Id);
        Assert.Empty(functional!.Items);

        var updated = await admin.PutAsJsonAsync($"{Url}/{department.Id}",
            new { name = name + "城区", shortName, kind = "PropertyCompany", phone = "", sortOrder = 1, version = department.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await updated.Content.ReadFromJsonAsync<DepartmentDto>(Ct))!;
        Assert.Equal((name + "城区", "PropertyCompany", (string?)null), (after.Name, after.Kind, after.Phone));

        var stale = await admin.PutAsJsonAsync($"{Url}/{department.Id}", new { name, kind = "Utility", version = department.Version }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await ProblemDetailAsync(stale));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Url}/{department.Id}?version={after.Version}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Url}/{department.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_WithBadPhone_OrUnknownKind_Returns400()
    {
        await EnsureStreetAsync(app);
        using var commander = await app.ClientAsAsync("commander");

        var badPhone = await commander.PostAsJsonAsync(Url, new { name = Unique("部门"), kind = "Functional", phone = "call me" }, Ct);
        var badKind = await commander.PostAsJsonAsync(Url, new { name = Unique("部门"), kind = "Bakery" }, Ct);

        Assert.Contains("电话只能包含数字", await FieldErrorAsync(badPhone, "phone"));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal("application/problem+json", badKind.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Leader_MayList_ButIsForbidden_ToCreate()
    {
        await EnsureStreetAsync(app);
        using var leader = await app.ClientAsAsync("leader");

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync(Url, new { name = Unique("部门"), kind = "Functional" }, Ct)).StatusCode);
    }

    private sealed record DepartmentDto(Guid Id, string Name, string ShortName, string Kind, string? Phone, int SortOrder, int Version);

    private sealed record PageDto(List<DepartmentDto> Items, int Total);
}

public sealed class DepartmentsTests_Sqlite(SqliteApp app) : DepartmentsTests(app), IClassFixture<SqliteApp>;

public sealed class DepartmentsTests_Postgres(PostgresApp app) : DepartmentsTests(app), IClassFixture<PostgresApp>;
