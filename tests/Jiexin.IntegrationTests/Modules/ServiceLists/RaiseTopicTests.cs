using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.IntegrationTests.Infrastructure;
using static Jiexin.IntegrationTests.Modules.ServiceLists.ListsApi;

namespace Jiexin.IntegrationTests.Modules.ServiceLists;

/// <summary>提交四方议事 from a need: the topic carries the need as its source, the need lists its topics, and only the need's community raises one.</summary>
public abstract class RaiseTopicTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ListsApi _api = new(app);

    private static Task<JsonElement> RaiseAsync(HttpClient client, Guid needId, object body, HttpStatusCode expected) =>
        ReadAsync(client.PostAsJsonAsync($"/api/v1/lists/items/{needId}/topics", body, Ct), expected);

    private static async Task<List<JsonElement>> TopicsFromAsync(HttpClient client, Guid needId) =>
        [.. (await ReadAsync(client.GetAsync($"/api/v1/deliberations/topics?q={needId}&pageSize=100", Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task A_topic_raised_from_a_need_carries_the_need_as_its_source_and_the_need_lists_it()
    {
        var places = await _api.PlacesAsync();
        using var community = await app.ClientAsAsync("community01");
        var needTitle = Unique("加装电梯意见不一");
        var need = await CreateAsync(community, Need(needTitle, places.Community1, places.Grid1));

        // Title left empty: the need's title is used; the description is the staff member's.
        var raised = await RaiseAsync(community, Id(need), new { title = "", description = "低层住户反对，高层住户支持，需要四方协商。" }, HttpStatusCode.Created);
        Assert.Equal(needTitle, raised.GetProperty("title").GetString());

        var topic = Assert.Single(await TopicsFromAsync(community, Id(need)));
        Assert.Equal(Id(raised), Id(topic));
        Assert.Equal("Need", topic.GetProperty("source").GetString());
        Assert.Equal(Id(need).ToString(), topic.GetProperty("sourceRef").GetString());
        Assert.Equal(needTitle, topic.GetProperty("sourceTitle").GetString());
        Assert.Equal(places.Community1, topic.GetProperty("communityId").GetGuid());
        Assert.Equal("低层住户反对，高层住户支持，需要四方协商。", topic.GetProperty("description").GetString());
        // Entered by community staff for a need: accepted at once, like the topic form.
        Assert.Equal("Accepted", topic.GetProperty("status").GetString());

        // The topic filter by id answers exactly this topic (the link the need's page shows).
        var byId = await ReadAsync(community.GetAsync($"/api/v1/deliberations/topics?id={Id(raised)}", Ct), HttpStatusCode.OK);
        Assert.Equal([Id(raised)], byId.GetProperty("items").EnumerateArray().Select(Id));

        // A second topic with its own title; the need lists both, oldest first.
        var second = await RaiseAsync(community, Id(need), new { title = "电梯加装费用分摊方案", description = (string?)null }, HttpStatusCode.Created);
        var listed = (await GetAsync(community, Id(need))).GetProperty("deliberationTopics").EnumerateArray().ToList();
        Assert.Equal([Id(raised), Id(second)], listed.Select(Id));
        Assert.Equal("电梯加装费用分摊方案", listed[1].GetProperty("title").GetString());
        Assert.Equal("已受理", listed[0].GetProperty("statusName").GetString());

        // Bad input is a 400 problem naming the field, and creates nothing.
        var invalid = await RaiseAsync(community, Id(need), new { title = new string('议', 101) }, HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(2, (await TopicsFromAsync(community, Id(need))).Count);
    }

    [Fact]
    public async Task Nobody_outside_the_needs_community_raises_a_topic_from_it()
    {
        var places = await _api.PlacesAsync();
        using var commander = await app.ClientAsAsync("commander");
        using var community = await app.ClientAsAsync("community01");
        using var grid = await app.ClientAsAsync("grid01");
        using var department = await app.ClientAsAsync("dept-cg");

        // Another community's need: community01 does not see it → 404, and no topic appears anywhere.
        var otherNeed = await CreateAsync(commander, Need(Unique("河道垃圾清理"), places.Community2, places.Community2Grid));
        await RaiseAsync(community, Id(otherNeed), new { title = "借他社区需求提议题" }, HttpStatusCode.NotFound);
        await RaiseAsync(department, Id(otherNeed), new { title = "部门提议题" }, HttpStatusCode.NotFound);
        Assert.Empty(await TopicsFromAsync(commander, Id(otherNeed)));

        // A grid worker sees their grid's need but does not enter deliberation topics → 403; nothing created.
        var gridNeed = await CreateAsync(grid, Need(Unique("楼道堆物清理"), places.Community1, places.Grid1));
        await RaiseAsync(grid, Id(gridNeed), new { title = "网格员提议题" }, HttpStatusCode.Forbidden);
        Assert.Empty(await TopicsFromAsync(commander, Id(gridNeed)));
        Assert.Empty((await GetAsync(community, Id(gridNeed))).GetProperty("deliberationTopics").EnumerateArray());

        // Only needs raise topics here; a resource id or an unknown id is 404.
        var resource = await CreateAsync(community, Resource(Unique("法律志愿队"), places.Community1));
        await RaiseAsync(community, Id(resource), new { title = "资源不是需求" }, HttpStatusCode.NotFound);
        await RaiseAsync(community, Guid.NewGuid(), new { title = "不存在" }, HttpStatusCode.NotFound);

        // The community's own staff may.
        await RaiseAsync(commander, Id(otherNeed), new { title = "河道垃圾清理协商" }, HttpStatusCode.Created);
        Assert.Single(await TopicsFromAsync(commander, Id(otherNeed)));
        Assert.Empty(await TopicsFromAsync(community, Id(otherNeed)));
    }
}

public sealed class RaiseTopicTests_Sqlite(SqliteApp app) : RaiseTopicTests(app), IClassFixture<SqliteApp>;

public sealed class RaiseTopicTests_Postgres(PostgresApp app) : RaiseTopicTests(app), IClassFixture<PostgresApp>;
