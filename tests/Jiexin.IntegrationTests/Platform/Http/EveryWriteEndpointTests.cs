using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Http;

/// <summary>
/// Issue 9 §3 on EVERY write endpoint of the API, read from the app's own endpoint data (a new endpoint is covered
/// without anyone remembering to add it). Each is called by a role the authorisation matrix allows, with damaged
/// JSON and with bodies built from its own OpenAPI request schema whose values are hostile: wrong types, impossible
/// numbers and dates, script tags, SQL-like, right-to-left and zero-width text, emoji, huge strings, deep nesting.
/// The answer is never 5xx, and every refusal is problem+json (Open311: its own JSON error format). (Targeted tests per form check that nothing is stored:
/// <see cref="HostileInputTests"/>.)
/// </summary>
public abstract class EveryWriteEndpointTests(JiexinApp app)
{
    /// <summary>Endpoints not fuzzed, each with its reason.</summary>
    private static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        // Starts minutes of model training in the background; its input is one optional note, covered by its own tests.
        ["POST /api/v1/attribution/model/retrain"] = "starts a long background training run",
    };

    /// <summary>Who calls, in order of preference: the first role the matrix allows.</summary>
    private static readonly (string Role, string Account)[] Callers =
    [
        (Roles.Admin, "admin"), (Roles.Commander, "commander"), (Roles.CommunityStaff, "community01"), (Roles.GridWorker, "grid01"),
        (Roles.DepartmentStaff, "dept-cg"), (Roles.Mediator, "mediator01"), (Roles.Leader, "leader"), (Roles.Resident, "resident01"),
    ];

    private static readonly string[] HostileStrings =
    [
        "", " ", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR 1=1 --", "'; DROP TABLE events_events; --",
        "\u202Eevil\u202C", "a\u200Bb\u200Dc\uFEFF", "👨‍👩‍👧‍👦🔥", "\uD83D", "../../etc/passwd", "${jndi:ldap://x}", "%00", "\\u0000",
        "2026-13-45", "2026-02-30T25:61:00Z", "99999-01-01", "0001-01-01", "00000000-0000-0000-0000-000000000000", "not-a-guid",
        "Resident", "Nonsense", "-1", "1e999", new string('长', 5000),
    ];

    private static readonly string[] HostileRaw =
    [
        "null", "true", "0", "-1", "2147483648", "9223372036854775808", "1e999", "-1e999", "0.1e-400", "NaN", "[]", "{}", "[null]",
        "[{}]", "\"\"", "[1,\"a\",{}]", "{\"a\":{\"b\":{\"c\":[]}}}", "91", "-181", "\"31.3\"",
    ];

    private static readonly string[] DamagedBodies =
    [
        "", "null", "[]", "{}", "\"text\"", "42", "not json", "{\"a\":", "{\"a\":1}{\"b\":2}", "{\"a\":1,}", "{'a':1}", "\uFEFF{}",
        new string('[', 5000) + new string(']', 5000), "{\"x\":\"" + new string('长', 200_000) + "\"}",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("JIEXIN_HOSTILE_ITERATIONS"), out var n) && n > 0 ? n : 6;

    [Fact]
    public async Task No_write_endpoint_answers_5xx_or_a_non_problem_refusal_to_hostile_bodies()
    {
        app.RequireAvailable();
        var openApi = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json", Ct))!;
        var matrix = Auth.AuthorizationMatrixTests.ReadDeclared();
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var covered = 0;
        try
        {
            foreach (var (method, endpoint) in WriteEndpoints())
            {
                var key = $"{method} {endpoint.RoutePattern.RawText}";
                if (Excluded.ContainsKey(key))
                {
                    continue;
                }

                var caller = matrix.TryGetValue(key, out var allowed) ? Callers.FirstOrDefault(c => allowed.Contains(c.Role)) : default;
                HttpClient client;
                if (allowed is not null && allowed.Contains("anonymous") && caller.Account is null)
                {
                    client = app.Anonymous();
                }
                else if (caller.Account is null)
                {
                    continue; // declared for no role: nothing to fuzz (the matrix test proves it refuses everyone)
                }
                else if (!clients.TryGetValue(caller.Account, out client!))
                {
                    client = clients[caller.Account] = await app.ClientAsAsync(caller.Account);
                }

                covered++;
                var schema = RequestSchema(openApi, method, endpoint.RoutePattern);
                var bodies = DamagedBodies.Concat(Bodies(schema).Array[Iterations].Single()).ToList();
                foreach (var body in bodies)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), Fill(endpoint.RoutePattern));
                    request.Content = new StringContent(body, Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    using var response = await client.SendAsync(request, Ct);
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        failures.Add($"{status} {key} ← {Show(body)}: {Show(await response.Content.ReadAsStringAsync(Ct))}");
                    }
                    else if (status >= 400 && status != 401 && status != 403
                             && response.Content.Headers.ContentType?.MediaType != ExpectedErrorType(endpoint))
                    {
                        failures.Add($"{status} without {ExpectedErrorType(endpoint)} ({response.Content.Headers.ContentType}) {key} ← {Show(body)}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{covered} write endpoints, {DamagedBodies.Length + Iterations} bodies each.");
        Assert.True(covered > 80, $"only {covered} write endpoints found: the enumeration is broken");
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Distinct().Take(30)));
    }

    /// <summary>Open311 answers errors in its own format (GeoReport v2: a JSON array of code/description); the rest is RFC 9457.</summary>
    private static string ExpectedErrorType(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText!.StartsWith("/open311/", StringComparison.Ordinal) ? "application/json" : "application/problem+json";

    /// <summary>Bodies shaped like the endpoint's request (its property names), every value hostile or of the wrong type.</summary>
    private static Gen<string> Bodies(JsonObject? schema)
    {
        var names = schema?["properties"] is JsonObject properties ? properties.Select(p => p.Key).ToArray() : [];
        if (names.Length == 0)
        {
            names = ["id", "name", "description", "version", "note"];
        }

        var value = Gen.Frequency(
            (5, Gen.OneOf(HostileStrings).Select(s => JsonSerializer.Serialize(s))),
            (3, Gen.OneOf(HostileRaw)),
            (1, Gen.String.Select(s => JsonSerializer.Serialize(s))),
            (1, Gen.OneOf(HostileStrings).Select(s => "[" + JsonSerializer.Serialize(s) + "]")));
        var field = Gen.Select(Gen.OneOf(names), value, (n, v) => $"\"{n}\":{v}");
        return field.Array[1, Math.Max(2, names.Length + 1)].Select(fields => "{" + string.Join(",", fields.DistinctBy(f => f[..f.IndexOf(':', StringComparison.Ordinal)])) + "}");
    }

    /// <summary>The JSON request schema of an operation (with its $ref resolved), or null.</summary>
    private static JsonObject? RequestSchema(JsonNode openApi, string method, RoutePattern pattern)
    {
        var path = "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternSeparatorPart sep => sep.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));
        var operation = openApi["paths"]?[path]?[method.ToLowerInvariant()];
        var schema = operation?["requestBody"]?["content"]?["application/json"]?["schema"];
        if (schema?["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = openApi["components"]?["schemas"]?[reference.Split('/')[^1]];
        }

        return schema as JsonObject;
    }

    private IEnumerable<(string Method, RouteEndpoint Endpoint)> WriteEndpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            if (!route.StartsWith("/api/", StringComparison.Ordinal) && !route.StartsWith("/open311/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    yield return (method, endpoint);
                }
            }
        }
    }

    /// <summary>A URL for a route: unknown ids (the body is read and validated before the item is looked up, or not at all).</summary>
    private static string Fill(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Placeholder(parameter),
                    _ => "",
                });
            }
        }

        return url.ToString();
    }

    private static string Placeholder(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(",", parameter.ParameterPolicies.Select(p => p.Content ?? ""));
        return constraints.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
            : constraints.Contains("int", StringComparison.Ordinal) || constraints.Contains("long", StringComparison.Ordinal) ? "1"
            : parameter.Name.Contains("action", StringComparison.OrdinalIgnoreCase) ? "Dispatch"
            : parameter.Name == "format" ? "json"
            : "x";
    }

    private static string Show(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length} chars)";
}

public sealed class EveryWriteEndpointTests_Sqlite(SqliteApp app) : EveryWriteEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class EveryWriteEndpointTests_Postgres(PostgresApp app) : EveryWriteEndpointTests(app), IClassFixture<PostgresApp>;
