using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Disputes;

/// <summary>The dispute API as tests drive it: register, act with the version seen, read back.</summary>
public sealed class DisputeApi(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid resident ID number (GB 11643 check character), different on every call.</summary>
    public static string NewIdNumber()
    {
        var serial = Random.Shared.Next(100, 999);
        var first17 = $"32048219850{Random.Shared.Next(1, 9)}1{Random.Shared.Next(1, 9)}{serial}";
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    public static string NewMobile() => $"139{Random.Shared.Next(10_000_000, 99_999_999)}";

    public static object Body(string description, string type = "邻里", object[]? parties = null, object? extra = null)
    {
        var body = new JsonObject
        {
            ["description"] = $"{description} {Guid.NewGuid():N}",
            ["disputeType"] = type,
            ["parties"] = JsonSerializer.SerializeToNode(parties ?? [new { name = "王某", role = "applicant" }, new { name = "赵某", role = "respondent" }]),
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JsonSerializerOptions.Web)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        return body;
    }

    public static async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var created = await ReadAsync(client.PostAsJsonAsync("/api/v1/disputes", body, Ct), HttpStatusCode.Created);
        return await OkAsync(client.GetAsync($"/api/v1/disputes/{created.GetProperty("id").GetGuid()}", Ct));
    }

    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, JsonElement d, string action, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(extra ?? new { }, JsonSerializerOptions.Web)!.AsObject();
        body["version"] = d.GetProperty("version").GetInt32();
        return await client.PostAsJsonAsync($"/api/v1/disputes/{Id(d)}/actions/{action}", body, Ct);
    }

    public static Task<JsonElement> OkAsync(Task<HttpResponseMessage> call) => ReadAsync(call, HttpStatusCode.OK);

    public static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (expected is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(JsonElement d) => d.GetProperty("id").GetGuid();

    public static string[] Actions(JsonElement d) => [.. d.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()!)];

    public Task<Guid> UserIdAsync(string userName) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct));

    public Task<Guid> RoomAsync(string name) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediationRoom>().Where(r => r.Name == name).Select(r => r.Id).SingleAsync(Ct));

    public Task<OrgUnitSummary> DepartmentAsync(string shortName) =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().FindDepartmentByShortName(shortName)!));

    public Task<IReadOnlyList<OrgUnitSummary>> CommunitiesAsync() =>
        app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ITerritoryLookup>().Communities));

    /// <summary>mediator01 takes a walk-in and routes it to themself as 全科, then accepts: a case in mediation.</summary>
    public async Task<(HttpClient Mediator, JsonElement Dispute)> MediatingAsync(string description = "楼上漏水损坏楼下吊顶")
    {
        var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body(description));
        d = await OkAsync(ActAsync(mediator, d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = await UserIdAsync("mediator01") }));
        d = await OkAsync(ActAsync(mediator, d, "Accept"));
        Assert.Equal("Mediating", d.GetProperty("status").GetString());
        return (mediator, d);
    }
}
