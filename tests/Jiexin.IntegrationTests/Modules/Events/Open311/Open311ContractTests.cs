using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Attribution;
using Jiexin.Modules.Events.Domain;
using Jiexin.Modules.Events.Open311.Domain;
using Jiexin.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Modules.Events.Open311;

/// <summary>
/// GeoReport v2 contract tests written from the spec (wiki.open311.org/GeoReport_v2) and mySociety's
/// servicerequestupdates, over real HTTP: the element and field names, XML roots and JSON arrays, the filters,
/// open/closed, the errors array with 400/403/404, and that a request sent through Open311 is one of our events.
/// </summary>
public abstract class Open311ContractTests(JiexinApp app)
{
    private const string StreetLight = "0201"; // 市政设施 · 路灯不亮
    private const string Manhole = "0202";     // 市政设施 · 井盖缺失

    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Open311Http Client() => new(app.Anonymous());

    private async Task<(double Lat, double Long)> PlaceAsync(int index = 0)
    {
        using var commander = await app.ClientAsAsync("commander");
        var grid = (await DemoGrids())[index];
        return (grid.Inside.Y, grid.Inside.X);

        async Task<List<DemoGrid>> DemoGrids() => await DemoGrid.AllAsync(commander);
    }

    private async Task<Dictionary<string, string>> FormAsync(string serviceCode, string description, string? key = Open311Settings.ConfiguredKey)
    {
        var (lat, lng) = await PlaceAsync();
        var form = new Dictionary<string, string>
        {
            ["service_code"] = serviceCode,
            ["lat"] = lat.ToString("R", CultureInfo.InvariantCulture),
            ["long"] = lng.ToString("R", CultureInfo.InvariantCulture),
            ["description"] = description,
        };
        if (key is not null)
        {
            form["api_key"] = key;
        }

        return form;
    }

    /// <summary>Posts a valid request and returns its service_request_id.</summary>
    private async Task<string> CreateAsync(string serviceCode, string description, Action<Dictionary<string, string>>? extra = null)
    {
        var form = await FormAsync(serviceCode, description);
        extra?.Invoke(form);
        var answer = await Client().PostAsync("json", form);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Body}");
        return answer.Json[0].GetProperty("service_request_id").GetString()!;
    }

    private static void AssertXmlDeclaration(Open311Http.Answer answer)
    {
        Assert.StartsWith("text/xml", answer.ContentType);
        Assert.Contains("charset=utf-8", answer.ContentType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", answer.Body);
    }

    private static void AssertErrors(Open311Http.Answer answer, HttpStatusCode status, string format, string? descriptionContains = null)
    {
        Assert.Equal(status, answer.Status);
        if (format == "xml")
        {
            AssertXmlDeclaration(answer);
            var root = answer.Xml.Root!;
            Assert.Equal("errors", root.Name.LocalName);
            var errors = root.Elements("error").ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Element("description")?.Value)));
            Assert.Equal((int)status, int.Parse(errors[0].Element("code")!.Value, CultureInfo.InvariantCulture));
            if (descriptionContains is not null)
            {
                Assert.Contains(errors, e => e.Element("description")!.Value.Contains(descriptionContains, StringComparison.Ordinal));
            }
        }
        else
        {
            Assert.StartsWith("application/json", answer.ContentType);
            var errors = answer.Json;
            Assert.Equal(JsonValueKind.Array, errors.ValueKind);
            Assert.True(errors.GetArrayLength() > 0);
            Assert.Equal((int)status, errors[0].GetProperty("code").GetInt32());
            if (descriptionContains is not null)
            {
                Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("description").GetString()!.Contains(descriptionContains, StringComparison.Ordinal));
            }
        }
    }

    // ---------------------------------------------------------------- discovery, services, definitions

    [Fact]
    public async Task Discovery_names_the_GeoReport_v2_endpoint_and_both_formats()
    {
        var xml = await Client().GetAsync("/discovery.xml");
        Assert.Equal(HttpStatusCode.OK, xml.Status);
        AssertXmlDeclaration(xml);
        var root = xml.Xml.Root!;
        Assert.Equal("discovery", root.Name.LocalName);
        Assert.All(["changeset", "contact", "key_service"], f => Assert.False(string.IsNullOrWhiteSpace(root.Element(f)?.Value)));
        var endpoint = Assert.Single(root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        // In JSON by the Spark convention: the formats container is an array of strings.
        var json = await Client().GetAsync("/discovery.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.StartsWith("application/json", json.ContentType);
        var formats = json.Json.GetProperty("endpoints")[0].GetProperty("formats");
        Assert.Equal(["text/xml", "application/json"], formats.EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", json.Json.GetProperty("endpoints")[0].GetProperty("specification").GetString());
    }

    [Fact]
    public async Task Discovery_is_served_at_the_open311_root_too()
    {
        using var http = app.Anonymous();
        var response = await http.GetAsync("/open311/discovery.xml", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("discovery", XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!.Name.LocalName);
    }

    [Fact]
    public async Task Services_list_our_subcategories_in_xml_as_the_spec_writes_them()
    {
        var answer = await Client().GetAsync("/services.xml");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertXmlDeclaration(answer);
        var root = answer.Xml.Root!;
        Assert.Equal("services", root.Name.LocalName);
        var services = root.Elements("service").ToList();
        Assert.True(services.Count > 10);
        Assert.All(services, s => Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], s.Elements().Select(e => e.Name.LocalName)));
        var light = services.Single(s => s.Element("service_code")!.Value == StreetLight);
        Assert.Equal("路灯不亮", light.Element("service_name")!.Value);
        Assert.Equal("市政设施", light.Element("group")!.Value);
        Assert.Equal("false", light.Element("metadata")!.Value);
        Assert.Equal("realtime", light.Element("type")!.Value);
        Assert.Contains("Street light", light.Element("keywords")!.Value);
    }

    [Fact]
    public async Task Services_in_json_are_an_array_of_objects()
    {
        var answer = await Client().GetAsync("/services.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json; charset=utf-8", answer.ContentType);
        Assert.Equal(JsonValueKind.Array, answer.Json.ValueKind);
        var light = answer.Json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == StreetLight);
        Assert.Equal("路灯不亮", light.GetProperty("service_name").GetString());
        Assert.False(light.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", light.GetProperty("type").GetString());
        Assert.Equal("市政设施", light.GetProperty("group").GetString());
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Service_definition_has_the_code_and_an_empty_attribute_list(string format)
    {
        var answer = await Client().GetAsync($"/services/{StreetLight}.{format}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        if (format == "xml")
        {
            var root = answer.Xml.Root!;
            Assert.Equal("service_definition", root.Name.LocalName);
            Assert.Equal(StreetLight, root.Element("service_code")!.Value);
            Assert.Empty(root.Element("attributes")!.Elements());
        }
        else
        {
            Assert.Equal(StreetLight, answer.Json.GetProperty("service_code").GetString());
            Assert.Equal(0, answer.Json.GetProperty("attributes").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Unknown_service_code_is_404_with_the_errors_array(string format)
    {
        AssertErrors(await Client().GetAsync($"/services/NOPE.{format}"), HttpStatusCode.NotFound, format, "NOPE");
    }

    // ---------------------------------------------------------------- POST requests

    [Fact]
    public async Task Post_in_json_returns_the_id_and_a_notice_and_no_token()
    {
        var answer = await Client().PostAsync("json", await FormAsync(StreetLight, "Open311 合同测试：路灯坏了好几天"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var created = Assert.Single(answer.Json.EnumerateArray());
        Assert.StartsWith("JX", created.GetProperty("service_request_id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(created.GetProperty("service_notice").GetString()));
        Assert.False(created.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Post_in_xml_returns_service_requests_request()
    {
        var answer = await Client().PostAsync("xml", await FormAsync(Manhole, "Open311 XML 测试：井盖不见了很危险"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertXmlDeclaration(answer);
        Assert.Equal("service_requests", answer.Xml.Root!.Name.LocalName);
        var request = Assert.Single(answer.Xml.Root.Elements("request"));
        Assert.StartsWith("JX", request.Element("service_request_id")!.Value);
        Assert.Null(request.Element("token"));
    }

    [Fact]
    public async Task A_request_created_through_Open311_is_in_our_queue_on_channel_Api_with_the_chosen_category()
    {
        var media = "https://partner.example.com/photos/lamp-1.jpg";
        var id = await CreateAsync(Manhole, "路灯旁边的井盖松动了，车一过就响", f => f["media_url"] = media);

        using var commander = await app.ClientAsAsync("commander");
        var page = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={id}", Ct);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("trackingCode").GetString());
        Assert.Equal("Api", item.GetProperty("channel").GetString());
        Assert.Equal("Reported", item.GetProperty("status").GetString());

        var e = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events/{item.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(Manhole, e.GetProperty("category").GetString()); // the partner's choice, though the text speaks of a lamp too
        Assert.NotNull(e.GetProperty("gridId").GetString());
        Assert.Contains(Open311Settings.ConfiguredName, e.GetProperty("timeline")[0].GetProperty("actor").GetString());

        var answer = await Client().GetAsync($"/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var request = Assert.Single(answer.Json.EnumerateArray());
        Assert.Equal(RequestFields, request.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal(Manhole, request.GetProperty("service_code").GetString());
        Assert.Equal("井盖缺失", request.GetProperty("service_name").GetString());
        Assert.Equal(media, request.GetProperty("media_url").GetString());
        Assert.Equal("路灯旁边的井盖松动了，车一过就响", request.GetProperty("description").GetString());
        var requested = DateTimeOffset.Parse(request.GetProperty("requested_datetime").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs((requested - DateTimeOffset.UtcNow).TotalMinutes) < 10);
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.Equal(JsonValueKind.Number, request.GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.Null, request.GetProperty("agency_responsible").ValueKind);
    }

    [Fact]
    public async Task The_other_category_lets_our_attribution_decide()
    {
        var id = await CreateAsync("9901", "小区门口路灯不亮好几天了，晚上很黑");
        var answer = await Client().GetAsync($"/requests/{id}.xml");
        Assert.Equal(StreetLight, answer.Xml.Root!.Element("request")!.Element("service_code")!.Value);
    }

    [Fact]
    public async Task Address_string_alone_is_a_location_and_description_may_be_left_out()
    {
        var answer = await Client().PostAsync("json", new Dictionary<string, string>
        {
            ["api_key"] = Open311Settings.ConfiguredKey,
            ["service_code"] = StreetLight,
            ["address_string"] = "新庄街道 振新路 88 号门口",
        });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        var id = answer.Json[0].GetProperty("service_request_id").GetString();
        var request = (await Client().GetAsync($"/requests/{id}.xml")).Xml.Root!.Element("request")!;
        Assert.Equal("新庄街道 振新路 88 号门口", request.Element("address")!.Value);
        Assert.Contains("路灯不亮", request.Element("description")!.Value);
        Assert.Equal("", request.Element("lat")!.Value);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Post_with_a_wrong_or_missing_key_is_403(string format)
    {
        AssertErrors(await Client().PostAsync(format, await FormAsync(StreetLight, "钥匙不对的上报内容", key: "o311_wrong")), HttpStatusCode.Forbidden, format, "api_key");
        AssertErrors(await Client().PostAsync(format, await FormAsync(StreetLight, "没有钥匙的上报内容", key: null)), HttpStatusCode.Forbidden, format, "api_key");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Post_without_service_code_is_400_and_with_an_unknown_one_404(string format)
    {
        var form = await FormAsync(StreetLight, "缺少服务代码的上报");
        form.Remove("service_code");
        AssertErrors(await Client().PostAsync(format, form), HttpStatusCode.BadRequest, format, "service_code");
        form["service_code"] = "7777";
        AssertErrors(await Client().PostAsync(format, form), HttpStatusCode.NotFound, format, "7777");
    }

    [Fact]
    public async Task Post_reports_every_problem_of_the_form_at_once()
    {
        var answer = await Client().PostAsync("xml", new Dictionary<string, string>
        {
            ["api_key"] = Open311Settings.ConfiguredKey,
            ["service_code"] = StreetLight,
            ["lat"] = "31.4",
            ["media_url"] = "ftp://example.com/a.jpg",
            ["description"] = "少了经度，媒体网址也不对",
        });
        AssertErrors(answer, HttpStatusCode.BadRequest, "xml");
        var descriptions = answer.Xml.Root!.Elements("error").Select(e => e.Element("description")!.Value).ToList();
        Assert.Equal(2, descriptions.Count);
        Assert.Contains(descriptions, d => d.Contains("long", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.Contains("media_url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_without_any_location_or_with_address_id_only_is_400()
    {
        var form = new Dictionary<string, string> { ["api_key"] = Open311Settings.ConfiguredKey, ["service_code"] = StreetLight, ["description"] = "没有位置信息的上报" };
        AssertErrors(await Client().PostAsync("json", form), HttpStatusCode.BadRequest, "json", "address_string");
        form["address_id"] = "545483";
        AssertErrors(await Client().PostAsync("json", form), HttpStatusCode.BadRequest, "json", "address_id");
    }

    [Fact]
    public async Task Post_outside_the_street_is_400_on_lat()
    {
        var form = await FormAsync(StreetLight, "北京的路灯不归这里管");
        form["lat"] = "39.9";
        form["long"] = "116.4";
        AssertErrors(await Client().PostAsync("json", form), HttpStatusCode.BadRequest, "json", "lat:");
    }

    [Fact]
    public async Task Post_that_is_not_a_form_is_400_not_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Open311Http.Base}/requests.xml")
        {
            Content = JsonContent.Create(new { api_key = Open311Settings.ConfiguredKey, service_code = StreetLight }),
        };
        AssertErrors(await Client().SendAsync(request), HttpStatusCode.BadRequest, "xml", "x-www-form-urlencoded");
    }

    // ---------------------------------------------------------------- GET requests, filters, status

    [Fact]
    public async Task Requests_list_in_xml_has_the_spec_fields_in_order()
    {
        var id = await CreateAsync(StreetLight, "列表 XML 字段顺序测试：路灯不亮");
        var answer = await Client().GetAsync($"/requests.xml?service_request_id={id}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        AssertXmlDeclaration(answer);
        Assert.Equal("service_requests", answer.Xml.Root!.Name.LocalName);
        var request = Assert.Single(answer.Xml.Root.Elements("request"));
        Assert.Equal(RequestFields, request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.StartsWith("已上报", request.Element("status_notes")!.Value);
    }

    [Fact]
    public async Task Service_request_id_list_overrides_the_other_filters()
    {
        var a = await CreateAsync(StreetLight, "编号列表测试 A：路灯闪烁");
        var b = await CreateAsync(Manhole, "编号列表测试 B：井盖破了");
        var answer = await Client().GetAsync($"/requests.json?service_request_id={a},{b}&service_code=0101&status=closed");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(new[] { a, b }.Order(), answer.Json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).Order());
    }

    [Fact]
    public async Task Service_code_and_status_filter_the_list()
    {
        var light = await CreateAsync(StreetLight, "按类别筛选测试：路灯整排不亮");
        var manhole = await CreateAsync(Manhole, "按类别筛选测试：井盖被偷了");

        var lights = (await Client().GetAsync($"/requests.json?service_code={StreetLight}")).Json.EnumerateArray().ToList();
        Assert.Contains(lights, r => r.GetProperty("service_request_id").GetString() == light);
        Assert.DoesNotContain(lights, r => r.GetProperty("service_request_id").GetString() == manhole);
        Assert.All(lights, r => Assert.Equal(StreetLight, r.GetProperty("service_code").GetString()));

        var both = (await Client().GetAsync($"/requests.json?service_code={StreetLight},{Manhole}")).Json.EnumerateArray()
            .Select(r => r.GetProperty("service_request_id").GetString()).ToList();
        Assert.Contains(light, both);
        Assert.Contains(manhole, both);

        // Rejected (不予受理) is closed; the reason is in status_notes.
        await RejectAsync(manhole, "重复上报，已在处理");
        var closed = (await Client().GetAsync("/requests.xml?status=closed")).Xml.Root!.Elements("request").ToList();
        var rejected = Assert.Single(closed, r => r.Element("service_request_id")!.Value == manhole);
        Assert.Equal("closed", rejected.Element("status")!.Value);
        Assert.Equal("不予受理：重复上报，已在处理", rejected.Element("status_notes")!.Value);
        Assert.DoesNotContain(closed, r => r.Element("service_request_id")!.Value == light);

        var open = (await Client().GetAsync("/requests.xml?status=open")).Xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value).ToList();
        Assert.Contains(light, open);
        Assert.DoesNotContain(manhole, open);

        var any = (await Client().GetAsync("/requests.xml?status=open,closed")).Xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value).ToList();
        Assert.Contains(light, any);
        Assert.Contains(manhole, any);
    }

    [Fact]
    public async Task Dates_filter_on_requested_datetime()
    {
        var id = await CreateAsync(StreetLight, "日期筛选测试：路灯白天也亮着");
        string W3c(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        var now = DateTimeOffset.UtcNow;

        async Task<List<string>> Ids(string query) =>
            [.. (await Client().GetAsync("/requests.json?" + query)).Json.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];

        Assert.Contains(id, await Ids($"start_date={W3c(now.AddHours(-1))}&end_date={W3c(now.AddHours(1))}"));
        Assert.Contains(id, await Ids($"start_date={W3c(now.AddHours(-1))}"));
        Assert.DoesNotContain(id, await Ids($"end_date={W3c(now.AddDays(-1))}"));
        Assert.DoesNotContain(id, await Ids($"start_date={W3c(now.AddHours(1))}"));
    }

    [Theory]
    [InlineData("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90")]
    [InlineData("start_date=yesterday", "start_date")]
    [InlineData("end_date=2026-01-01T00:00:00Z&start_date=2026-02-01T00:00:00Z", "end_date")]
    [InlineData("status=pending", "status")]
    public async Task Bad_filters_are_400_with_the_errors_array(string query, string mentioned)
    {
        AssertErrors(await Client().GetAsync("/requests.xml?" + query), HttpStatusCode.BadRequest, "xml", mentioned);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("json")]
    public async Task Unknown_request_and_token_are_404(string format)
    {
        AssertErrors(await Client().GetAsync($"/requests/JX000000NOPE.{format}"), HttpStatusCode.NotFound, format, "JX000000NOPE");
        AssertErrors(await Client().GetAsync($"/tokens/no-such-token.{format}"), HttpStatusCode.NotFound, format, "no-such-token");
    }

    [Fact]
    public async Task Unknown_resources_and_formats_answer_in_the_spec_error_format()
    {
        AssertErrors(await Client().GetAsync("/nothing-here.xml"), HttpStatusCode.NotFound, "xml");
        AssertErrors(await Client().GetAsync("/nothing-here.json"), HttpStatusCode.NotFound, "json");
        AssertErrors(await Client().GetAsync("/services.html"), HttpStatusCode.BadRequest, "xml", "html");
    }

    [Fact]
    public async Task Agency_responsible_and_expected_datetime_follow_dispatch()
    {
        var id = await CreateAsync(StreetLight, "派单测试：路灯杆歪了快倒了");
        var e = await EventAsync(id);
        using var commander = await app.ClientAsAsync("commander");
        var due = DateTime.UtcNow.AddDays(3);
        var cg = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Jiexin.Modules.Territory.Contracts.ITerritoryLookup>().FindDepartmentByShortName("城管")!));
        var dispatched = await commander.PostAsJsonAsync($"/api/v1/events/{e.Id}/actions/Dispatch",
            new { version = e.Version, assigneeKind = "Department", assigneeId = cg.Id, dueAt = due }, Ct);
        Assert.True(dispatched.IsSuccessStatusCode, await dispatched.Content.ReadAsStringAsync(Ct));

        var request = (await Client().GetAsync($"/requests/{id}.xml")).Xml.Root!.Element("request")!;
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.Contains(cg.Name, request.Element("agency_responsible")!.Value);
        Assert.StartsWith("已派单", request.Element("status_notes")!.Value);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().Where(x => x.Id == e.Id).Select(x => x.DueAt).SingleAsync(Ct));
        if (stored is { } expected)
        {
            Assert.Equal(expected, DateTimeOffset.Parse(request.Element("expected_datetime")!.Value, CultureInfo.InvariantCulture).UtcDateTime, TimeSpan.FromSeconds(1));
        }
        else
        {
            Assert.Equal("", request.Element("expected_datetime")!.Value);
        }
    }

    [Fact]
    public async Task A_merged_duplicate_is_closed_and_names_the_request_it_joined()
    {
        var first = await CreateAsync(StreetLight, "合并测试：振新路路灯全部不亮");
        var duplicate = await CreateAsync(StreetLight, "合并测试：振新路的路灯坏了（重复）");
        var (targetId, _) = await EventAsync(first);
        var (id, version) = await EventAsync(duplicate);
        using var commander = await app.ClientAsAsync("commander");
        var merged = await commander.PostAsJsonAsync($"/api/v1/events/{id}/actions/Merge", new { version, targetEventId = targetId }, Ct);
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync(Ct));

        var answer = await Client().GetAsync($"/requests.json?service_request_id={first},{duplicate}");
        var byId = answer.Json.EnumerateArray().ToDictionary(r => r.GetProperty("service_request_id").GetString()!);
        Assert.Equal("closed", byId[duplicate].GetProperty("status").GetString());
        Assert.Equal($"已合并（合并到 {first}）", byId[duplicate].GetProperty("status_notes").GetString());
        Assert.Equal("open", byId[first].GetProperty("status").GetString());
    }

    // ---------------------------------------------------------------- servicerequestupdates

    [Fact]
    public async Task Service_request_updates_follow_our_timeline_in_xml_and_json()
    {
        var start = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        var id = await CreateAsync(StreetLight, "更新测试：路灯不亮，居民晚上不敢出门");
        await RejectAsync(id, "不属于本街道管辖，请联系供电公司 0510-87654321");

        var xml = await Client().GetAsync($"/servicerequestupdates.xml?start_date={start}");
        Assert.Equal(HttpStatusCode.OK, xml.Status);
        AssertXmlDeclaration(xml);
        Assert.Equal("service_request_updates", xml.Xml.Root!.Name.LocalName);
        var mine = xml.Xml.Root.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, u => Assert.Equal(["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"], u.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal("open", mine[0].Element("status")!.Value);
        Assert.Equal("closed", mine[1].Element("status")!.Value);
        Assert.StartsWith("不予受理 → 不予受理：不属于本街道管辖", mine[1].Element("description")!.Value);
        Assert.DoesNotContain("87654321", xml.Body); // a phone number in a note is masked
        Assert.NotEqual(mine[0].Element("update_id")!.Value, mine[1].Element("update_id")!.Value);

        var json = await Client().GetAsync($"/servicerequestupdates.json?start_date={start}");
        var updates = json.Json.EnumerateArray().Where(u => u.GetProperty("service_request_id").GetString() == id).ToList();
        Assert.Equal(["open", "closed"], updates.Select(u => u.GetProperty("status").GetString()));

        // end_date before the request: nothing of it.
        var before = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        var none = await Client().GetAsync($"/servicerequestupdates.json?end_date={before}");
        Assert.DoesNotContain(none.Json.EnumerateArray(), u => u.GetProperty("service_request_id").GetString() == id);

        AssertErrors(await Client().GetAsync("/servicerequestupdates.json?start_date=soon"), HttpStatusCode.BadRequest, "json", "start_date");
    }

    // ---------------------------------------------------------------- privacy

    [Fact]
    public async Task Reporter_identity_and_phone_are_never_exposed_and_contact_is_stored_encrypted()
    {
        var id = await CreateAsync(StreetLight, "路灯坏了，有事请打我电话 13912345678", f =>
        {
            f["email"] = "zhang.san@example.com";
            f["first_name"] = "三";
            f["last_name"] = "张";
            f["phone"] = "13800001111";
            f["account_id"] = "acct-42";
            f["device_id"] = "device-xyz";
        });

        foreach (var path in new[] { $"/requests/{id}.xml", $"/requests/{id}.json", $"/requests.json?service_request_id={id}", "/servicerequestupdates.xml" })
        {
            var body = (await Client().GetAsync(path)).Body;
            Assert.DoesNotContain("13912345678", body);
            Assert.DoesNotContain("13800001111", body);
            Assert.DoesNotContain("zhang.san", body);
            Assert.DoesNotContain("acct-42", body);
            Assert.DoesNotContain("device-xyz", body);
        }

        Assert.Contains("139****5678", (await Client().GetAsync($"/requests/{id}.json")).Body);

        var stored = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var e = await db.Set<Event>().SingleAsync(x => x.TrackingCode == id, Ct);
            var submission = await db.Set<Open311Submission>().SingleAsync(x => x.EventId == e.Id, Ct);
            var audit = await db.Set<AuditEntry>().Where(a => a.EntityId == e.Id.ToString()).Select(a => a.Changes).ToListAsync(Ct);
            return (e.Description, submission.ProtectedContact, Audit: string.Join("\n", audit));
        });
        Assert.Contains("13912345678", stored.Description); // staff still see the whole text
        Assert.NotNull(stored.ProtectedContact);
        Assert.DoesNotContain("zhang.san", stored.ProtectedContact);
        Assert.DoesNotContain("13800001111", stored.ProtectedContact);
        Assert.DoesNotContain("zhang.san", stored.Audit);
        Assert.DoesNotContain("13800001111", stored.Audit);
    }

    // ---------------------------------------------------------------- keys

    [Fact]
    public async Task Admin_issues_a_key_that_works_once_shown_and_stops_working_when_revoked()
    {
        using var admin = await app.ClientAsAsync("admin");
        var name = "合作平台 " + Guid.NewGuid().ToString("N")[..6];
        var response = await admin.PostAsJsonAsync("/api/v1/admin/open311/keys", new { name }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("o311_", key);
        var keyId = created.GetProperty("apiKey").GetProperty("id").GetGuid();

        // Listed by name and prefix; the key itself never again.
        var list = await admin.GetStringAsync("/api/v1/admin/open311/keys", Ct);
        Assert.Contains(name, list);
        Assert.Contains(key[..12], list);
        Assert.DoesNotContain(key, list);
        Assert.Contains(Open311Settings.ConfiguredName, list);

        // Only the hash is stored, and the audit log has no trace of the key.
        var stored = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var row = await db.Set<Open311ApiKey>().SingleAsync(k => k.Id == keyId, Ct);
            var audit = await db.Set<AuditEntry>().Where(a => a.EntityId == keyId.ToString()).Select(a => a.Changes).ToListAsync(Ct);
            return (row.KeyHash, Audit: string.Join("\n", audit));
        });
        Assert.NotEqual(key, stored.KeyHash);
        Assert.Equal(64, stored.KeyHash.Length);
        Assert.DoesNotContain(stored.KeyHash, stored.Audit);
        Assert.Contains(key[..12], stored.Audit); // the prefix is recorded, the hash is not

        var ok = await Client().PostAsync("json", await FormAsync(StreetLight, "新密钥提交的上报：路灯", key));
        Assert.Equal(HttpStatusCode.OK, ok.Status);

        var revoked = await admin.PostAsync($"/api/v1/admin/open311/keys/{keyId}/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await revoked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("isRevoked").GetBoolean());

        AssertErrors(await Client().PostAsync("json", await FormAsync(StreetLight, "吊销后提交的上报：路灯", key)), HttpStatusCode.Forbidden, "json");
    }

    [Fact]
    public async Task Only_admins_manage_keys_and_a_name_is_required()
    {
        using var commander = await app.ClientAsAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync("/api/v1/admin/open311/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsJsonAsync("/api/v1/admin/open311/keys", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/admin/open311/keys", Ct)).StatusCode);

        using var admin = await app.ClientAsAsync("admin");
        var blank = await admin.PostAsJsonAsync("/api/v1/admin/open311/keys", new { name = "  " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/open311/keys/{Guid.NewGuid()}/revoke", null, Ct)).StatusCode);
    }

    // ---------------------------------------------------------------- helpers

    private async Task<(Guid Id, int Version)> EventAsync(string trackingCode)
    {
        using var commander = await app.ClientAsAsync("commander");
        var page = await commander.GetFromJsonAsync<JsonElement>($"/api/v1/events?keyword={trackingCode}", Ct);
        var item = page.GetProperty("items")[0];
        return (item.GetProperty("id").GetGuid(), item.GetProperty("version").GetInt32());
    }

    private async Task RejectAsync(string trackingCode, string note)
    {
        var (id, version) = await EventAsync(trackingCode);
        using var commander = await app.ClientAsAsync("commander");
        var response = await commander.PostAsJsonAsync($"/api/v1/events/{id}/actions/Reject", new { version, note }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class Open311ContractTests_Sqlite(Open311SqliteApp app) : Open311ContractTests(app), IClassFixture<Open311SqliteApp>;

public sealed class Open311ContractTests_Postgres(Open311PostgresApp app) : Open311ContractTests(app), IClassFixture<Open311PostgresApp>;
