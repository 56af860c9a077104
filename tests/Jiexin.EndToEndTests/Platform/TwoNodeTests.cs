using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Jiexin.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace Jiexin.EndToEndTests.Platform;

/// <summary>
/// Issue 9 §5: two app instances on one PostgreSQL behind Debian's nginx (the shipped deploy/nginx/jiexin.conf), with
/// Redis for SignalR and the cluster bus. Load goes through nginx and lands on both nodes; every scheduled job handles
/// each due item once (the outbox delivers each message once, the analytics fold counts each report once); a staff
/// page open on node A follows a change made on node B, and SignalR clients on both nodes hear one notification.
/// </summary>
public sealed class TwoNodeTests
{
    private const string Password = "Jiexin-2Node-2026";
    private const int Workers = 12;
    private const int ReportsPerWorker = 10;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_behind_nginx_share_load_jobs_and_live_updates()
    {
        var baseConnection = Environment.GetEnvironmentVariable("JIEXIN_TEST_POSTGRES");
        var nginx = DaemonProcess.Find("nginx");
        var redisServer = DaemonProcess.Find("redis-server");
        if (string.IsNullOrWhiteSpace(baseConnection) || nginx is null || redisServer is null || BrowserApp.ChromiumPath is null)
        {
            Assert.Skip("Needs JIEXIN_TEST_POSTGRES, Debian's nginx and redis-server, and Chromium (bash .ci/run installs them).");
        }

        var work = Path.Combine(Path.GetTempPath(), "jiexin-two-nodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var database = "jiexin_nodes_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ToString();
        await ExecuteAsync(baseConnection, $"CREATE DATABASE \"{database}\"");
        var redisPort = DaemonProcess.FreePort();
        await using var redis = await DaemonProcess.StartAsync(redisServer,
            ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", work],
            redisPort, Ct);
        AppProcess? nodeA = null;
        AppProcess? nodeB = null;
        try
        {
            Dictionary<string, string> Settings(string node) => new()
            {
                ["Jiexin:Database"] = "Postgres",
                ["ConnectionStrings:Jiexin"] = connection,
                // One data folder for both, as a shared volume would be: photos written by one are read by the other.
                ["Jiexin:DataDir"] = Path.Combine(work, "data"),
                ["Jiexin:SeedDemo"] = "true",
                ["Jiexin:DemoPassword"] = Password,
                ["Jiexin:RateLimiting:Enabled"] = "false",
                ["Jiexin:Security:ForwardedHeaders"] = "true",
                ["Jiexin:ScaleOut:Redis"] = $"127.0.0.1:{redisPort}",
                ["Jiexin:ScaleOut:NodeName"] = node,
                ["Jiexin:Jobs:IntervalSeconds"] = "1",
                ["Jiexin:Jobs:FirstRunDelaySeconds"] = "0",
                // Run from the build output, not a publish folder: only Development serves the static web assets
                // (blazor.web.js, Ant Design) from their manifest. The app has no other environment-specific code.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
            };

            // The first node migrates and seeds; the second starts on the prepared database, as an upgrade would.
            nodeA = await AppProcess.StartAsync(Settings("node-a"), Ct);
            nodeB = await AppProcess.StartAsync(Settings("node-b"), Ct);
            var nginxPort = DaemonProcess.FreePort();
            await using var proxy = await StartNginxAsync(nginx, work, nginxPort, nodeA, nodeB);
            var front = new Uri($"http://127.0.0.1:{nginxPort}");

            using var commanderA = await DemoApi.ClientAsync(nodeA.Address, "commander", Password, Ct);
            var (lat, lng) = await DemoApi.GridCentreAsync(commanderA, Ct);
            var intakeBefore = await IntakeTodayAsync(commanderA);

            // 1. Load through nginx: each worker is one browser-like client with its own affinity cookie.
            var run = Guid.NewGuid().ToString("N")[..8];
            var servedBy = new ConcurrentDictionary<string, int>();
            var created = new ConcurrentDictionary<string, Guid>();
            var failures = new ConcurrentBag<string>();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                using var handler = new HttpClientHandler { UseCookies = false };
                using var client = new HttpClient(handler) { BaseAddress = front, Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Add("Cookie", $"jiexin_node=worker-{worker}");
                var token = await DemoApi.LoginAsync(client, "resident01", Password, Ct);
                client.DefaultRequestHeaders.Authorization = new("Bearer", token);
                for (var n = 0; n < ReportsPerWorker; n++)
                {
                    var key = $"nodes-{run}-{worker}-{n}";
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
                    {
                        Content = JsonContent.Create(new { description = $"楼道灯坏了，晚上看不见台阶 {key}", latitude = lat, longitude = lng }),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await client.SendAsync(request, Ct);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        failures.Add($"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                        continue;
                    }

                    created[key] = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
                    servedBy.AddOrUpdate(string.Join(",", response.Headers.GetValues(UpstreamHeader)), 1, (_, c) => c + 1);
                }
            }, Ct)));
            Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(5)) + "\n" + nodeA.Tail + nodeB.Tail);
            Assert.Equal(Workers * ReportsPerWorker, created.Count);
            Assert.Contains(servedBy.Keys, k => k.Contains(nodeA.Address.Authority, StringComparison.Ordinal));
            Assert.Contains(servedBy.Keys, k => k.Contains(nodeB.Address.Authority, StringComparison.Ordinal));

            // A retry of an acknowledged report on the OTHER node returns the same event: the key is the database's.
            using (var residentB = await DemoApi.ClientAsync(nodeB.Address, "resident01", Password, Ct))
            {
                var (key, id) = created.First();
                using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
                {
                    Content = JsonContent.Create(new { description = $"楼道灯坏了，晚上看不见台阶 {key}", latitude = lat, longitude = lng }),
                };
                retry.Headers.Add("Idempotency-Key", key);
                using var again = await residentB.SendAsync(retry, Ct);
                Assert.True(again.IsSuccessStatusCode, $"{(int)again.StatusCode}");
                Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            }

            // 2. Jobs: both nodes tick every second; every due item is handled once in all.
            await using (var db = new NpgsqlConnection(connection))
            {
                await db.OpenAsync(Ct);
                var settled = await EventuallyAsync(async () =>
                    await ScalarAsync(db, """SELECT COUNT(*) FROM platform_outbox WHERE "ProcessedAt" IS NULL AND "FailedAt" IS NULL""") == 0
                    && await ScalarAsync(db, "SELECT COUNT(*) FROM analytics_event_deltas") == 0);
                Assert.True(settled, "the outbox or the analytics fold did not catch up within 2 minutes\n" + nodeA.Tail + nodeB.Tail);
                Assert.Equal(0, await ScalarAsync(db, """SELECT COUNT(*) FROM platform_outbox WHERE "FailedAt" IS NOT NULL OR "Attempts" <> 1"""));
                Assert.True(await ScalarAsync(db, "SELECT COUNT(*) FROM platform_outbox") >= created.Count, "each report leaves outbox messages");

                var leases = new List<(string Name, string Holder, int Handled)>();
                await using (var cmd = new NpgsqlCommand("""SELECT "Name", "Holder", "LastHandled" FROM platform_job_leases""", db))
                await using (var reader = await cmd.ExecuteReaderAsync(Ct))
                {
                    while (await reader.ReadAsync(Ct))
                    {
                        leases.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                    }
                }

                Assert.Contains(leases, l => l.Name == "analytics-fold");
                Assert.All(leases, l => Assert.True(l.Holder.StartsWith("node-a/", StringComparison.Ordinal) || l.Holder.StartsWith("node-b/", StringComparison.Ordinal), l.Holder));
                Assert.All(leases, l => Assert.True(l.Handled >= 0, $"job {l.Name} failed its last run"));
            }

            // The fold ran on whichever node held its lease, and counted each report exactly once.
            Assert.Equal(intakeBefore + created.Count, await IntakeTodayAsync(commanderA));

            // 3. Live: a department clerk's queue open on node A, the event reported and dispatched on node B.
            using var commanderB = await DemoApi.ClientAsync(nodeB.Address, "commander", Password, Ct);
            using var deptA = await DemoApi.ClientAsync(nodeA.Address, "dept-cg", Password, Ct);
            var deptToken = deptA.DefaultRequestHeaders.Authorization!.Parameter!;
            // The clerk's phone app is connected to each node: whichever node's outbox delivers the notification, the
            // other node's client hears it only through the Redis backplane.
            using var hubA = await HubAsync(nodeA.Address, deptToken);
            using var hubB = await HubAsync(nodeB.Address, deptToken);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = BrowserApp.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = nodeA.Address.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1440, Height = 900 } });
            context.SetDefaultTimeout(60_000);
            Assertions.SetDefaultExpectTimeout(30_000);
            var page = await context.NewPageAsync();
            var console = new ConcurrentQueue<string>();
            page.Console += (_, m) => console.Enqueue($"{m.Type}: {m.Text}");
            await BrowserApp.LoginAsync(page, "dept-cg", Password);
            await page.GotoAsync("/events");
            try
            {
                await BrowserApp.WaitForInteractiveAsync(page);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\nbrowser console:\n{string.Join("\n", console)}\nnode A:\n{nodeA.Tail}", e);
            }

            var report = await (await commanderB.PostAsJsonAsync("/api/v1/events", new { description = "来电：主干道井盖缺失，有安全隐患 " + run, latitude = lat, longitude = lng }, Ct))
                .Content.ReadFromJsonAsync<JsonElement>(Ct);
            var departments = await commanderB.GetFromJsonAsync<JsonElement>("/api/v1/territory/departments?pageSize=100", Ct);
            var cg = departments.GetProperty("items").EnumerateArray().First(d => d.GetProperty("shortName").GetString() == "城管").GetProperty("id").GetGuid();
            using var dispatch = await commanderB.PostAsJsonAsync($"/api/v1/events/{report.GetProperty("id").GetGuid()}/actions/Dispatch",
                new { version = report.GetProperty("version").GetInt32(), assigneeKind = "Department", assigneeId = cg }, Ct);
            Assert.True(dispatch.IsSuccessStatusCode, await dispatch.Content.ReadAsStringAsync(Ct));

            await Assertions.Expect(page.Locator("[data-testid='events-queue'] a", new() { HasText = report.GetProperty("trackingCode").GetString()! })).ToBeVisibleAsync();
            Assert.True(await ReceivesAsync(hubA, "notification", TimeSpan.FromSeconds(60)), "no SignalR notification reached node A's client\n" + nodeA.Tail + nodeB.Tail);
            Assert.True(await ReceivesAsync(hubB, "notification", TimeSpan.FromSeconds(60)), "no SignalR notification reached node B's client\n" + nodeA.Tail + nodeB.Tail);

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{created.Count} reports through nginx: " + string.Join(", ", servedBy.Select(s => $"{s.Key} served {s.Value}")));
        }
        finally
        {
            if (nodeA is not null)
            {
                await nodeA.DisposeAsync();
            }

            if (nodeB is not null)
            {
                await nodeB.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(baseConnection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            Directory.Delete(work, recursive: true);
        }
    }

    private const string UpstreamHeader = "X-Test-Upstream";

    /// <summary>The shipped nginx file with this test's ports, wrapped in a minimal main config of its own.</summary>
    private static async Task<DaemonProcess> StartNginxAsync(string nginx, string work, int port, AppProcess a, AppProcess b)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "nginx", "jiexin.conf"), Ct);
        var site = shipped
            .Replace("server 127.0.0.1:5001", $"server {a.Address.Authority}", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5002", $"server {b.Address.Authority}", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            // Test-only: which instance answered.
            .Replace("location / {", $"location / {{\n        add_header {UpstreamHeader} $upstream_addr always;", StringComparison.Ordinal);
        Assert.Contains(a.Address.Authority, site);
        Assert.Contains(b.Address.Authority, site);

        var prefix = Path.Combine(work, "nginx");
        foreach (var dir in new[] { "logs", "temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi" })
        {
            Directory.CreateDirectory(Path.Combine(prefix, dir));
        }

        // Workers run as nobody when the test runs as root (CI): they must be able to write their temp folders.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in Directory.EnumerateDirectories(prefix, "*", SearchOption.AllDirectories).Append(prefix))
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(prefix, "jiexin.conf"), site, Ct);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            worker_processes 2;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/temp/body;
                proxy_temp_path {{prefix}}/temp/proxy;
                fastcgi_temp_path {{prefix}}/temp/fastcgi;
                uwsgi_temp_path {{prefix}}/temp/uwsgi;
                scgi_temp_path {{prefix}}/temp/scgi;
                include {{prefix}}/jiexin.conf;
            }
            """, Ct);
        return await DaemonProcess.StartAsync(nginx, ["-p", prefix, "-c", Path.Combine(prefix, "nginx.conf")], port, Ct);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jiexin.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jiexin.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<long> IntakeTodayAsync(HttpClient commander)
    {
        var overview = await commander.GetFromJsonAsync<JsonElement>("/api/v1/analytics/overview", Ct);
        return overview.GetProperty("intake").GetProperty("today").GetInt64();
    }

    /// <summary>A raw SignalR client (JSON protocol over a WebSocket, no negotiate) on <c>/hubs/notifications</c>.</summary>
    private static async Task<ClientWebSocket> HubAsync(Uri node, string bearer)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        await socket.ConnectAsync(new Uri($"ws://{node.Authority}/hubs/notifications"), Ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, Ct);
        var handshake = await ReadFrameAsync(socket, TimeSpan.FromSeconds(30));
        Assert.Equal("{}", handshake?.TrimEnd('\u001e'));
        return socket;
    }

    /// <summary>True once an invocation of <paramref name="target"/> arrives (pings and other targets are skipped).</summary>
    private static async Task<bool> ReceivesAsync(ClientWebSocket socket, string target, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var frame = await ReadFrameAsync(socket, deadline - DateTime.UtcNow);
            if (frame is null)
            {
                return false;
            }

            foreach (var message in frame.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                using var json = JsonDocument.Parse(message);
                if (json.RootElement.TryGetProperty("target", out var t) && t.GetString() == target)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static async Task<string?> ReadFrameAsync(ClientWebSocket socket, TimeSpan within)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(within);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        try
        {
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                text.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return null;
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250, Ct);
        }

        return false;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(Ct);
    }
}
