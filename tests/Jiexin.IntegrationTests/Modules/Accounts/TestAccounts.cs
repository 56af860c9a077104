using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Accounts.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Accounts;

/// <summary>Accounts made for one test through the admin API, and the territory to bind them to.</summary>
public static class TestAccounts
{
    public const string Password = "Test-Pass-2026";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    // RequireAvailable first: touching Services starts the host, which cannot start without its database (a skip, not a failure).
    public static ITerritoryLookup Territory(this JiexinApp app)
    {
        app.RequireAvailable();
        return app.Services.GetRequiredService<ITerritoryLookup>();
    }

    public static IOrgDirectory Directory(this JiexinApp app)
    {
        app.RequireAvailable();
        return app.Services.GetRequiredService<IOrgDirectory>();
    }

    public static async Task<AccountDto> CreateAccountAsync(
        this JiexinApp app, string role, OrgUnitRef? unit, string? userName = null, string password = Password, HttpClient? admin = null)
    {
        var client = admin ?? await app.ClientAsAsync("admin");
        try
        {
            var response = await client.PostAsJsonAsync("/api/v1/admin/accounts", new
            {
                userName = userName ?? UniqueName(role.ToLowerInvariant()),
                displayName = "测试" + role,
                role,
                orgUnitKind = unit?.Kind.ToString(),
                orgUnitId = unit?.Id,
                password,
            }, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return (await response.Content.ReadFromJsonAsync<AccountDto>(Json, TestContext.Current.CancellationToken))!;
        }
        finally
        {
            if (admin is null)
            {
                client.Dispose();
            }
        }
    }

    public static async Task<AccountDto> ReadAccountAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<AccountDto>(Json, TestContext.Current.CancellationToken))!;

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.Clone();
    }

    /// <summary>The street, community01's community and one of its grids, another community and its grid, two departments.</summary>
    public static TerritoryUnits Units(this JiexinApp app)
    {
        var territory = app.Territory();
        var street = territory.Street ?? throw new InvalidOperationException("no street seeded");
        var first = territory.Communities[0];
        var other = territory.Communities.First(c => c.Id != first.Id && territory.GridsOf(c.Id).Count > 0);
        var firstGrids = territory.GridsOf(first.Id);
        return new TerritoryUnits(
            new(OrgUnitKind.Street, street.Id),
            new(OrgUnitKind.Community, first.Id),
            new(OrgUnitKind.Grid, firstGrids[0].Id),
            new(OrgUnitKind.Grid, firstGrids.Count > 1 ? firstGrids[1].Id : firstGrids[0].Id),
            new(OrgUnitKind.Community, other.Id),
            new(OrgUnitKind.Grid, territory.GridsOf(other.Id)[0].Id),
            new(OrgUnitKind.Department, territory.FindDepartmentByShortName("城管")!.Id),
            new(OrgUnitKind.Department, territory.Departments.First(d => d.ShortName != "城管").Id));
    }
}

/// <summary>
/// Units of the seeded territory as the demo accounts see them: community01 works in <see cref="Community"/>,
/// grid01 in <see cref="Grid"/> (a grid of that community), dept-cg in <see cref="Department"/> (城管).
/// </summary>
public sealed record TerritoryUnits(
    OrgUnitRef Street,
    OrgUnitRef Community,
    OrgUnitRef Grid,
    OrgUnitRef SiblingGrid,
    OrgUnitRef OtherCommunity,
    OrgUnitRef OtherCommunityGrid,
    OrgUnitRef Department,
    OrgUnitRef OtherDepartment);
