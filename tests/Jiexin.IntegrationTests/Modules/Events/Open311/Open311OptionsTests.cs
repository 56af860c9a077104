using System.Globalization;
using System.Net;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Attribution;

namespace Jiexin.IntegrationTests.Modules.Events.Open311;

/// <summary>
/// The options a deployment may turn on: batch mode (POST answers a token, tokens/{token} answers the id), keys for
/// reads too, and a jurisdiction_id of its own (another one is 404, as the spec says).
/// </summary>
public abstract class Open311OptionsTests(JiexinApp app)
{
    private const string Key = Open311Settings.ConfiguredKey;

    private Open311Http Client() => new(app.Anonymous());

    [Fact]
    public async Task Batch_mode_answers_a_token_that_tokens_turns_into_the_request_id()
    {
        using var commander = await app.ClientAsAsync("commander");
        var grid = (await DemoGrid.AllAsync(commander))[1];
        var post = await Client().PostAsync("xml", new Dictionary<string, string>
        {
            ["api_key"] = Key,
            ["jurisdiction_id"] = Open311Settings.Jurisdiction,
            ["service_code"] = "0201",
            ["lat"] = grid.Inside.Y.ToString("R", CultureInfo.InvariantCulture),
            ["long"] = grid.Inside.X.ToString("R", CultureInfo.InvariantCulture),
            ["description"] = "批量模式测试：路灯不亮",
        });
        Assert.True(post.Status == HttpStatusCode.OK, post.Body);
        var created = Assert.Single(post.Xml.Root!.Elements("request"));
        Assert.Null(created.Element("service_request_id")); // never both, says the spec
        var token = created.Element("token")!.Value;
        Assert.False(string.IsNullOrWhiteSpace(token));

        var xml = await Client().GetAsync($"/tokens/{token}.xml?api_key={Key}");
        Assert.Equal(HttpStatusCode.OK, xml.Status);
        Assert.Equal("service_requests", xml.Xml.Root!.Name.LocalName);
        var request = Assert.Single(xml.Xml.Root.Elements("request"));
        Assert.Equal(token, request.Element("token")!.Value);
        var id = request.Element("service_request_id")!.Value;
        Assert.StartsWith("JX", id);

        var json = await Client().GetAsync($"/tokens/{token}.json?api_key={Key}");
        Assert.Equal(id, json.Json[0].GetProperty("service_request_id").GetString());
        Assert.Equal(token, json.Json[0].GetProperty("token").GetString());

        var services = await Client().GetAsync($"/services.json?api_key={Key}");
        Assert.All(services.Json.EnumerateArray(), s => Assert.Equal("batch", s.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("/services.xml")]
    [InlineData("/services/0201.xml")]
    [InlineData("/requests.xml")]
    [InlineData("/servicerequestupdates.xml")]
    [InlineData("/tokens/abc.xml")]
    public async Task Reads_want_a_key_when_configured_so(string path)
    {
        var refused = await Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("403", refused.Xml.Root!.Element("error")!.Element("code")!.Value);

        var allowed = await Client().GetAsync($"{path}?api_key={Key}");
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.Status);
    }

    [Fact]
    public async Task Another_jurisdiction_is_404_and_ours_is_served()
    {
        var other = await Client().GetAsync($"/services.json?api_key={Key}&jurisdiction_id=sfgov.org");
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Contains("sfgov.org", other.Json[0].GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/services.json?api_key={Key}&jurisdiction_id={Open311Settings.Jurisdiction}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/services.json?api_key={Key}")).Status);

        var post = await Client().PostAsync("json", new Dictionary<string, string> { ["api_key"] = Key, ["jurisdiction_id"] = "sfgov.org", ["service_code"] = "0201" });
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
    }
}

public sealed class Open311OptionsTests_Sqlite(StrictOpen311SqliteApp app) : Open311OptionsTests(app), IClassFixture<StrictOpen311SqliteApp>;

public sealed class Open311OptionsTests_Postgres(StrictOpen311PostgresApp app) : Open311OptionsTests(app), IClassFixture<StrictOpen311PostgresApp>;
