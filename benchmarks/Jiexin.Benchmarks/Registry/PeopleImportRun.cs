using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Privacy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;

namespace Jiexin.Benchmarks.Registry;

/// <summary>
/// Not BenchmarkDotNet (one run of a minute is the measurement): imports N people (default 100,000) through the real
/// API into a fresh database, as a commander would, and prints the time from upload to "done" with its parts.
/// <c>dotnet run -c Release --project benchmarks/Jiexin.Benchmarks -- registry-import [rows] [postgres connection string]</c>
/// </summary>
public static class PeopleImportRun
{
    private const string Password = "Jiexin-Bench-2026";

    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var postgres = args.Length > 1 ? args[1] : null;
        var dataDir = Path.Combine(Path.GetTempPath(), "jiexin-bench-import", Guid.NewGuid().ToString("N"));
        var database = "jiexin_bench_" + Guid.NewGuid().ToString("N")[..12];
        if (postgres is not null)
        {
            await using var admin = new NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        // The factory looks for the web project beside a solution file; tell it where the app's content root is.
        var contentRoot = FindContentRoot();
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_JIEXIN_WEB", contentRoot);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(contentRoot);
            b.UseEnvironment("Production");
            b.UseSetting("Jiexin:SeedDemo", "true");
            b.UseSetting("Jiexin:SeedDemoEvents", "false");
            b.UseSetting("Jiexin:DemoPassword", Password);
            b.UseSetting("Jiexin:RateLimiting:Enabled", "false");
            b.UseSetting("Jiexin:Jobs:Enabled", "false");
            b.UseSetting("Jiexin:DataDir", dataDir);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            if (postgres is not null)
            {
                b.UseSetting("Jiexin:Database", "Postgres");
                b.UseSetting("ConnectionStrings:Jiexin", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ToString());
            }
            else
            {
                b.UseSetting("Jiexin:Database", "Sqlite");
            }
        });

        try
        {
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            client.Timeout = TimeSpan.FromMinutes(10);
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "commander", password = Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            List<string> addresses;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                addresses = await scope.ServiceProvider.GetRequiredService<JiexinDbContext>().Set<StandardAddress>().Select(a => a.Label).ToListAsync();
            }

            var file = MakeFile(rows, addresses);
            Console.WriteLine($"{(postgres is null ? "SQLite" : "PostgreSQL")}: {rows:N0} people, file {file.Length / 1024.0 / 1024.0:0.0} MB, {Environment.ProcessorCount} cores");

            // CPU time of this process (app and client together): a figure the other processes on a shared box do not inflate.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
            form.Add(part, "file", "people.xlsx");
            form.Add(new StringContent("AllOrNothing"), "mode");
            var started = await client.PostAsync("/api/v1/registry/people/imports", form);
            started.EnsureSuccessStatusCode();
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            TimeSpan? validated = null;
            JsonElement job;
            while (true)
            {
                job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/registry/people/imports/{id}");
                if (validated is null && job.GetProperty("state").GetString() is "Importing" or "Succeeded" or "Rejected" or "Failed")
                {
                    validated = clock.Elapsed;
                }

                if (job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
                {
                    break;
                }

                await Task.Delay(100);
            }

            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine($"state {job.GetProperty("state").GetString()}, created {job.GetProperty("created").GetInt32():N0}, errors {job.GetProperty("invalidRows").GetInt32()}");
            Console.WriteLine($"upload → validated (read, check, seal): {validated?.TotalSeconds:0.0} s");
            Console.WriteLine($"validated → saved (insert + audit):     {(clock.Elapsed - (validated ?? TimeSpan.Zero)).TotalSeconds:0.0} s");
            Console.WriteLine($"total:                                  {clock.Elapsed.TotalSeconds:0.0} s ({rows / clock.Elapsed.TotalSeconds:N0} people/s)");
            Console.WriteLine($"CPU time used by the process:           {cpu.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }
        finally
        {
            if (postgres is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(postgres);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static string FindContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Jiexin.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "src", "Jiexin.Web");
    }

    /// <summary>N distinct valid people: every third at a demo address, most with a phone, some with tags.</summary>
    private static byte[] MakeFile(int rows, IReadOnlyList<string> addresses)
    {
        string[] residence = ["户籍人口", "流动人口", "境外人员"];
        var start = new DateOnly(1940, 1, 1);
        IEnumerable<Dictionary<string, object?>> People()
        {
            for (var i = 0; i < rows; i++)
            {
                // Distinct by (birth date, serial): 25,000 days × 1,000 serials.
                var first17 = $"320282{start.AddDays(i % 25_000):yyyyMMdd}{i / 25_000 % 1000:000}";
                yield return new Dictionary<string, object?>
                {
                    ["姓名"] = "测试" + i,
                    ["身份证号"] = first17 + ChineseIdNumber.CheckCharacter(first17),
                    ["手机号"] = i % 5 == 0 ? null : $"139{i:00000000}",
                    ["人口类型"] = residence[i % 3],
                    ["标准地址"] = i % 3 == 0 && addresses.Count > 0 ? addresses[i % addresses.Count] : null,
                    ["与房屋关系"] = i % 3 == 0 ? "家庭成员" : null,
                    ["人员标签"] = i % 10 == 0 ? "独居老人" : null,
                    ["备注"] = null,
                };
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(People(), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
