using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Auth;

/// <summary>
/// Issue 9 §2: every API endpoint and page, read from the app's own endpoint data, against a declared table
/// (<c>authorization-matrix.txt</c> beside this file) of who may reach it: anonymous visitors and each of the eight roles.
/// A new endpoint fails the test until it is declared; a widened or narrowed rule fails it until the table says so.
/// Denials are then proven over real HTTP: refused by the authorisation middleware before any handler runs.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Principals = [Anonymous, .. Roles.All];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A demo account per role, for the HTTP half.</summary>
    private static readonly Dictionary<string, string> AccountOf = new()
    {
        [Roles.Resident] = "resident01",
        [Roles.GridWorker] = "grid01",
        [Roles.CommunityStaff] = "community01",
        [Roles.Commander] = "commander",
        [Roles.DepartmentStaff] = "dept-cg",
        [Roles.Mediator] = "mediator01",
        [Roles.Leader] = "leader",
        [Roles.Admin] = "admin",
    };

    private static string MatrixFile => Path.Combine(AppContext.BaseDirectory, "Platform", "Auth", "authorization-matrix.txt");

    [Fact]
    public async Task Every_endpoint_and_page_is_declared_with_who_may_reach_it()
    {
        var actual = await ComputeAsync();
        var declared = ReadDeclared();

        var problems = new StringBuilder();
        foreach (var (key, allowed) in actual)
        {
            if (!declared.TryGetValue(key, out var expected))
            {
                problems.AppendLine($"not declared:   {key}  {Format(allowed)}");
            }
            else if (!expected.SetEquals(allowed))
            {
                problems.AppendLine($"declared {Format(expected)}, but the app allows {Format(allowed)}:  {key}");
            }
        }

        foreach (var key in declared.Keys.Where(k => !actual.ContainsKey(k)))
        {
            problems.AppendLine($"declared but no longer in the app:  {key}");
        }

        Assert.True(problems.Length == 0, "The authorisation matrix and the app disagree:\n" + problems);
    }

    [Fact]
    public void Only_the_allow_list_is_open_to_anonymous_visitors()
    {
        // Sign-in, health, the API description, Open311 (its own API keys: ADR 0020), Blazor's plumbing, static files,
        // error pages, the resident landing page, and the public notices a community posts for everyone (四方议事 resolutions,
        // the adopted charter; their forms ask for a login before anything is saved). A trailing * is a prefix.
        string[] allowList =
        [
            "/api/v1/auth/*", "/account/login", "/account/logout", "/account/denied", "/healthz", "/readyz", "/openapi/*", "/scalar/*",
            "/open311/*", "/_blazor*", "/_framework/opaque-redirect", "/culture", "/not-found", "/m", "/m/deliberations", "/m/charter", "{**path:file}",
        ];
        bool Allowed(string route) => allowList.Any(a => a.EndsWith('*') ? route.StartsWith(a[..^1], StringComparison.Ordinal) : route == a);
        var open = ReadDeclared().Where(d => d.Value.Contains(Anonymous)).Select(d => d.Key)
            .Where(k => !Allowed(k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            .ToList();
        Assert.True(open.Count == 0, "Open to anonymous visitors but not on the allow-list:\n" + string.Join("\n", open));
    }

    [Fact]
    public async Task Denied_principals_are_refused_over_http()
    {
        var endpoints = Endpoints().ToDictionary(e => Key(e.Method, e.Endpoint), e => e);
        var denied = ReadDeclared()
            .SelectMany(d => Principals.Where(p => !d.Value.Contains(p)).Select(p => (Key: d.Key, Principal: p)))
            .Where(x => endpoints.ContainsKey(x.Key) && !endpoints[x.Key].Endpoint.RoutePattern.RawText!.StartsWith("/_blazor", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(denied);

        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.Anonymous() };
        foreach (var (role, account) in AccountOf)
        {
            clients[role] = await app.ClientAsAsync(account);
        }

        var wrong = new StringBuilder();
        try
        {
            foreach (var (key, principal) in denied)
            {
                var (method, endpoint) = endpoints[key];
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(endpoint.RoutePattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    // The body an endpoint declares it accepts (routing answers 415 to anything else, before authorisation).
                    var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
                    request.Content = accepts.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal))
                        ? new MultipartFormDataContent { { new StringContent("x"), "note" } }
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await clients[principal].SendAsync(request, Ct);
                var status = (int)response.StatusCode;
                var refused = principal == Anonymous
                    ? status == 401 || (status == 302 && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true)
                    : status == 403;
                if (!refused)
                {
                    wrong.AppendLine($"{principal} got {status} from {key}");
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

        Assert.True(wrong.Length == 0, $"{denied.Count} denied requests sent; these were not refused:\n{wrong}");
    }

    /// <summary>Who may reach each endpoint, decided by the app's own authorisation services from the endpoint's metadata.</summary>
    private async Task<SortedDictionary<string, HashSet<string>>> ComputeAsync()
    {
        var result = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await app.WithScopeAsync(async services =>
        {
            var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
            var authorization = services.GetRequiredService<IAuthorizationService>();
            foreach (var (method, endpoint) in Endpoints())
            {
                var allowed = new HashSet<string>(StringComparer.Ordinal);
                var policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                    ? null
                    : await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                        endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()) ?? await policies.GetFallbackPolicyAsync();
                foreach (var principal in Principals)
                {
                    if (policy is null || (await authorization.AuthorizeAsync(UserFor(principal), policy)).Succeeded)
                    {
                        allowed.Add(principal);
                    }
                }

                result[Key(method, endpoint)] = allowed;
            }

            return 0;
        });
        return result;
    }

    /// <summary>API endpoints, Open311, account endpoints and every page; not static files.</summary>
    private IEnumerable<(string Method, RouteEndpoint Endpoint)> Endpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            {
                continue;
            }

            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (isPage ? ["GET"] : ["GET"]);
            foreach (var method in methods.Where(m => m != "HEAD" && m != "OPTIONS"))
            {
                yield return (method, endpoint);
            }
        }
    }

    private static string Key(string method, RouteEndpoint endpoint) => $"{method} {endpoint.RoutePattern.RawText}";

    private static ClaimsPrincipal UserFor(string principal) => principal == Anonymous
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, principal), new Claim(ClaimTypes.Role, principal)], "matrix"));

    /// <summary>A URL for a route pattern: placeholders that satisfy its constraints (the refusal must come before they matter).</summary>
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

        return url.Length == 0 ? "/" : url.ToString();
    }

    private static string Placeholder(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(",", parameter.ParameterPolicies.Select(p => p.Content ?? ""));
        return constraints.Contains("guid", StringComparison.Ordinal) ? Guid.Empty.ToString()
            : constraints.Contains("int", StringComparison.Ordinal) || constraints.Contains("long", StringComparison.Ordinal) ? "1"
            : "x";
    }

    private static string Format(IEnumerable<string> allowed) =>
        Principals.All(allowed.Contains) ? "*" : !allowed.Any() ? "-" : string.Join(",", Principals.Where(allowed.Contains));

    /// <summary>The declared table: who may reach each endpoint (role names, or "anonymous").</summary>
    internal static Dictionary<string, HashSet<string>> ReadDeclared()
    {
        var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(MatrixFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // "<METHOD> <route>  <who>": who is "*" (everyone, signed in or not), "-" (no one) or a comma list.
            var lastSpace = line.LastIndexOf(' ');
            var key = line[..lastSpace].TrimEnd();
            var who = line[(lastSpace + 1)..];
            declared[key] = who switch
            {
                "*" => [.. Principals],
                "-" => [],
                _ => [.. who.Split(',')],
            };
        }

        return declared;
    }
}
