using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Http;

/// <summary>
/// Issue 9 §3, property-based (CsCheck): generated hostile bodies on the main write endpoints — wrong types, impossible
/// coordinates, SQL-like strings, script tags, right-to-left and zero-width characters, emoji, lone surrogates, very long
/// text, broken JSON. The app must answer every one with 2xx or a 4xx problem+json (never 5xx), and store a row for each
/// 2xx and nothing for a 4xx. A failure prints the body and CsCheck's seed to replay it.
/// </summary>
public abstract class HostileInputTests(JiexinApp app)
{
    private const int Iterations = 60;

    private static readonly string[] HostileTexts =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "'; DROP TABLE events_events; --", "' OR '1'='1",
        "\u202Egnp.exe\u202C", "\u200B\u200C\u200D\uFEFF", "😀👨‍👩‍👧‍👦🇨🇳", "\0\u0001\u001F", "\uD800", "\uDFFF\uD800",
        "％００", "../../etc/passwd", "{{7*7}}${7*7}", "null", "", "   ", "路灯坏了\r\n\t", "ＡＢＣ全角", "𠮷𩸽",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(HostileTexts)),
        (3, Gen.String),
        (2, Gen.Select(Gen.OneOf(HostileTexts), Gen.Int[1, 400], (s, n) => string.Concat(Enumerable.Repeat(s.Length == 0 ? "长" : s, n)))),
        (1, Gen.Int[2_000, 120_000].Select(n => new string('长', n))));

    /// <summary>A JSON value where text is expected: text, or the wrong type altogether.</summary>
    private static readonly Gen<string> TextValue = Gen.Frequency(
        (8, Text.Select(t => JsonSerializer.Serialize(t))),
        (1, Gen.OneOf("123", "true", "null", "[]", "{}", "[\"a\",{\"b\":1}]", "-0", "1e999")));

    private static readonly Gen<string> NumberValue = Gen.Frequency(
        (3, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0")),
        (2, Gen.OneOf("91", "-91", "181", "-181", "1e309", "-1e309", "0.0000000000001", "31.35", "119.82", "null")),
        (1, Gen.OneOf("\"31.3\"", "\"abc\"", "true", "[]", "{}", "NaN", "Infinity", "0x1F")));

    private static readonly Gen<string> GuidValue = Gen.OneOf(
        "null", "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-guid\"", "\"" + Guid.NewGuid() + "\"", "123", "{}");

    /// <summary>A JSON object with each field present (mostly) or missing.</summary>
    private static Gen<string> Object(params (string Name, Gen<string> Value)[] fields) =>
        fields.Select(f => Gen.Frequency((4, f.Value.Select(v => $"\"{f.Name}\":{v}")), (1, Gen.Const(""))))
            .Aggregate(Gen.Const(""), (acc, field) => Gen.Select(acc, field, (a, f) => f.Length == 0 ? a : a.Length == 0 ? f : a + "," + f))
            .Select(members => "{" + members + "}");

    /// <summary>Now and then the body is not JSON at all, or is cut off.</summary>
    private static Gen<string> Damaged(Gen<string> body) => Gen.Frequency(
        (9, body),
        (1, Gen.Select(body, Gen.Int[0, 40], (b, cut) => b[..Math.Min(b.Length, cut)])),
        (1, Gen.OneOf("", "not json", "[1,2,3]", "{\"description\":", "\"just a string\"", "{\"a\":1}{\"b\":2}")));

    [Fact]
    public Task Event_intake_survives_hostile_bodies() => RunAsync(
        "resident01", "/api/v1/events", "events_events",
        Damaged(Object(
            ("description", TextValue), ("latitude", NumberValue), ("longitude", NumberValue), ("address", TextValue),
            ("anonymous", Gen.OneOf("true", "false", "\"yes\"", "1", "null")),
            ("channel", Gen.OneOf("\"Resident\"", "\"Telephone\"", "\"Hacker\"", "7", "null")))));

    [Fact]
    public Task Dispute_registration_survives_hostile_bodies() => RunAsync(
        "mediator01", "/api/v1/disputes", "disputes_cases",
        Damaged(Object(
            ("description", TextValue), ("disputeType", TextValue), ("address", TextValue),
            ("amount", NumberValue), ("peopleCount", Gen.OneOf("2", "-1", "0", "2147483648", "1.5", "\"3\"", "null")),
            ("parties", Gen.Frequency(
                (4, Gen.Select(TextValue, TextValue, TextValue, (n, id, ph) =>
                    $"[{{\"name\":{n},\"role\":\"Applicant\",\"idNumber\":{id},\"phone\":{ph}}},{{\"name\":\"李四\",\"role\":\"Respondent\"}}]")),
                (1, Gen.OneOf("[]", "null", "[null]", "[{}]", "{}", "\"张三\"")))),
            ("gridId", GuidValue), ("communityId", GuidValue))));

    [Fact]
    public Task Registry_person_creation_survives_hostile_bodies() => RunAsync(
        "admin", "/api/v1/registry/people", "registry_people",
        Damaged(Object(
            ("name", TextValue), ("idNumber", TextValue), ("phone", TextValue), ("note", TextValue),
            ("residenceType", Gen.OneOf("\"Registered\"", "\"Nonsense\"", "3", "null")),
            ("tags", Gen.Frequency((3, TextValue.Select(t => $"[{t}]")), (1, Gen.OneOf("[]", "null", "\"tag\"", "[1,2]")))),
            ("latitude", NumberValue), ("longitude", NumberValue))));

    /// <summary>PostgreSQL refuses U+0000 in text and parameters: found here as a 500, now refused at the door on both providers.</summary>
    [Fact]
    public async Task The_nul_character_is_refused_in_json_query_and_forms()
    {
        app.RequireAvailable();
        using var resident = await app.ClientAsAsync("resident01");
        using var mediator = await app.ClientAsAsync("mediator01");
        var before = await CountAsync("disputes_cases");

        using var json = new StringContent("{\"description\":\"邻里纠纷\\u0000\",\"disputeType\":\"\\u0000\"}", Encoding.UTF8, "application/json");
        var body = await mediator.PostAsync("/api/v1/disputes", json, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, body.StatusCode);
        Assert.Equal("application/problem+json", body.Content.Headers.ContentType?.MediaType);

        var query = await resident.GetAsync("/api/v1/events?q=%00", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal("application/problem+json", query.Content.Headers.ContentType?.MediaType);

        using var form = new FormUrlEncodedContent([new("Input.Description", "路灯\0坏了")]);
        var page = await app.Anonymous().PostAsync("/m/report", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);

        Assert.Equal(before, await CountAsync("disputes_cases"));
    }

    private async Task RunAsync(string account, string url, string table, Gen<string> bodies)
    {
        app.RequireAvailable();
        using var client = await app.ClientAsAsync(account);
        var before = await CountAsync(table);
        var created = 0;

        await bodies.SampleAsync(async body =>
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await client.PostAsync(url, content, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} for {Show(body)}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref created);
            }
            else
            {
                Assert.True(status >= 400, $"{status} for {Show(body)}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, iter: Iterations, threads: 1, print: Show);

        // A row for each 201 and nothing for any refusal: no half-saved report, dispute or person.
        Assert.Equal(before + created, await CountAsync(table));
    }

    private Task<int> CountAsync(string table) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<JiexinDbContext>();
        // The table name is one of this class's constants, never input.
        var sql = "SELECT COUNT(*) AS \"Value\" FROM " + table;
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    });

    private static string Show(string body) => body.Length <= 300 ? body : body[..300] + $"… ({body.Length} chars)";
}

public sealed class HostileInputTests_Sqlite(SqliteApp app) : HostileInputTests(app), IClassFixture<SqliteApp>;

public sealed class HostileInputTests_Postgres(PostgresApp app) : HostileInputTests(app), IClassFixture<PostgresApp>;
