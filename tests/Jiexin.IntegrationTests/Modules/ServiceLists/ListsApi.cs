using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Territory.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>The lists API as tests drive it, and the demo places: community01 works in the first community, grid01 in its first grid.</summary>
public sealed class ListsApi(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Places(Guid Community1, Guid Grid1, Guid Grid2, Guid Community2, Guid Community2Grid);

    public Task<Places> PlacesAsync() => app.WithScopeAsync(sp =>
    {
        var territory = sp.GetRequiredService<ITerritoryLookup>();
        var c1 = territory.Communities[0];
        var c2 = territory.Communities[1];
        var grids1 = territory.GridsOf(c1.Id);
        return Task.FromResult(new Places(c1.Id, grids1[0].Id, grids1[1].Id, c2.Id, territory.GridsOf(c2.Id)[0].Id));
    });

    public static string Unique(string text) => $"{text}-{Guid.NewGuid():N}"[..Math.Min(text.Length + 9, 90)];

    public static object Need(string title, Guid? community, Guid? grid = null, string category = "法律咨询", string? month = null, string deadline = "2026-12-31") =>
        new { kind = "Need", month, communityId = community, gridId = grid, title, category, ownerName = "王书记", deadline, source = "GridVisit" };

    public static object Resource(string title, Guid? community, Guid? grid = null, string[]? categories = null, int? capacity = null, string? phone = null) =>
        new { kind = "Resource", communityId = community, gridId = grid, title, resourceKind = "VolunteerTeam", offer = "每周六上门服务", categories = categories ?? ["法律咨询"],
            capacity, contactName = "李老师", contactPhone = phone, ownerName = "张主任", deadline = "2026-12-31" };

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await ReadAsync(client.PostAsJsonAsync("/api/v1/lists/items", body, Ct), expected);

    public static Task<JsonElement> GetAsync(HttpClient client, Guid id, HttpStatusCode expected = HttpStatusCode.OK) =>
        ReadAsync(client.GetAsync($"/api/v1/lists/items/{id}", Ct), expected);

    public static Task<JsonElement> CloseAsync(HttpClient client, JsonElement item, string? evidence, HttpStatusCode expected = HttpStatusCode.OK) =>
        ReadAsync(client.PostAsJsonAsync($"/api/v1/lists/items/{Id(item)}/close", new { version = item.GetProperty("version").GetInt32(), evidence }, Ct), expected);

    public static JsonObject Editable(JsonElement item) => JsonNode.Parse(item.GetRawText())!.AsObject();

    public static async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();
}
