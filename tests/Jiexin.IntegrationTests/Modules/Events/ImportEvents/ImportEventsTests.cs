using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Modules.Events.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.Events.IntakeTestKit;

namespace Jiexin.IntegrationTests.Modules.Events.ImportEvents;

/// <summary>12345 bulk import: validate all first, nothing saved on any error, one transaction, idempotent by order number.</summary>
public abstract class ImportEventsTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(part, "file", fileName);
        var started = await JsonAsync(await client.PostAsync("/api/v1/events/imports", form, Ct), HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetGuid();

        // Poll as the page does, until the job finishes (no timing assumption beyond the test's own timeout).
        while (true)
        {
            var job = await JsonAsync(await client.GetAsync($"/api/v1/events/imports/{id}", Ct), HttpStatusCode.OK);
            if (job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
            {
                return job;
            }

            Assert.InRange(job.GetProperty("percent").GetInt32(), 0, 100);
            await Task.Delay(200, Ct);
        }
    }

    private Task<int> CountOrdersAsync(string prefix) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventIntakeDetails>()
            .CountAsync(x => x.ExternalOrderNo!.StartsWith(prefix), Ct));

    private static Dictionary<string, object?> Order(string no, string description, string? address = "新庄路 88 号", string? phone = "13812345678") => new()
    {
        ["工单编号"] = no,
        ["来电时间"] = "2026-11-28 09:30",
        ["诉求内容"] = description,
        ["地址"] = address,
        ["联系人"] = "王先生",
        ["联系电话"] = phone,
        ["纬度"] = null,
        ["经度"] = null,
    };

    [Fact]
    public async Task Two_thousand_orders_import_in_one_go_and_a_second_import_creates_nothing()
    {
        var prefix = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "-";
        var (lat, lng, _) = await new IntakeTestKit(app).PointInGridAsync("XC-02");
        var rows = Enumerable.Range(1, 2000).Select(i =>
        {
            var row = Order($"{prefix}{i:0000}", $"第 {i} 号工单：小区门口路灯不亮，请尽快维修", phone: i % 3 == 0 ? null : $"1390000{i:0000}");
            if (i % 2 == 0)
            {
                row["纬度"] = lat;
                row["经度"] = lng;
            }

            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);

        using var commander = await app.ClientAsAsync("commander");
        var job = await ImportAsync(commander, stream.ToArray(), "orders.xlsx");

        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(2000, job.GetProperty("created").GetInt32());
        Assert.Equal(100, job.GetProperty("percent").GetInt32());
        Assert.Equal(2000, await CountOrdersAsync(prefix));

        var sample = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var intake = await db.Set<EventIntakeDetails>().SingleAsync(x => x.ExternalOrderNo == prefix + "0002", Ct);
            var e = await db.Set<Event>().Include(x => x.Timeline).SingleAsync(x => x.Id == intake.EventId, Ct);
            return (intake, e);
        });
        Assert.Equal(EventChannel.Hotline12345, sample.e.Channel);
        Assert.Equal("12345:" + prefix + "0002", sample.e.IdempotencyKey);
        Assert.NotNull(sample.e.GridId); // even rows carry coordinates in XC-02
        Assert.Equal(new DateTime(2026, 11, 28, 1, 30, 0, DateTimeKind.Utc), sample.intake.ExternalReceivedAt);
        Assert.Equal("139****0002", sample.intake.ContactPhoneMasked);
        Assert.DoesNotContain("13900000002", sample.intake.ContactPhoneProtected); // encrypted at rest
        Assert.Contains(prefix + "0002", sample.e.Timeline.Single().Note);

        var again = await ImportAsync(commander, stream.ToArray(), "orders.xlsx");
        Assert.Equal("Succeeded", again.GetProperty("state").GetString());
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2000, again.GetProperty("skipped").GetInt32());
        Assert.Equal(2000, await CountOrdersAsync(prefix));
    }

    [Fact]
    public async Task Any_invalid_row_saves_nothing_and_every_problem_is_reported_by_row_and_column()
    {
        var prefix = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "-";
        var csv = new StringBuilder("工单编号,来电时间,诉求内容,地址,联系人,联系电话,纬度,经度\r\n");
        csv.Append($"{prefix}1,2026-11-28 09:30,楼道里堆满杂物影响通行,新庄路 1 号,李女士,13812345678,,\r\n");       // row 2: fine
        csv.Append($"{prefix}2,昨天上午,\"井盖松动，\"\"很危险\"\"\",新庄路 2 号,,,,\r\n");                          // row 3: bad time
        csv.Append($"{prefix}1,2026-11-28 10:00,噪音扰民到深夜,新庄路 3 号,,12ab,,\r\n");                             // row 4: duplicate no, bad phone
        csv.Append($"{prefix}4,2026-11-28 11:00,短,,,,39.9,116.4\r\n");                                                // row 5: short, outside
        csv.Append($"{prefix}5,2026-11-28 11:00,路边垃圾没人清理,新庄路 5 号,,,,\r\n");                              // row 6: fine

        using var commander = await app.ClientAsAsync("commander");
        var job = await ImportAsync(commander, Encoding.UTF8.GetBytes(csv.ToString()), "orders.csv");

        Assert.Equal("Invalid", job.GetProperty("state").GetString());
        var errors = job.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e is { Row: 3, Column: "来电时间" } && e.Message.Contains("格式不正确"));
        Assert.Contains(errors, e => e is { Row: 4, Column: "工单编号" } && e.Message.Contains("第 2 行"));
        Assert.Contains(errors, e => e is { Row: 4, Column: "联系电话" });
        Assert.Contains(errors, e => e is { Row: 5, Column: "诉求内容" });
        Assert.Contains(errors, e => e is { Row: 5, Column: "纬度" } && e.Message.Contains("不在本街道"));
        Assert.DoesNotContain(errors, e => e.Row is 2 or 6);
        Assert.Contains("未导入任何工单", job.GetProperty("message").GetString());
        Assert.Equal(0, await CountOrdersAsync(prefix));
    }

    [Fact]
    public async Task A_GB18030_csv_from_Chinese_Excel_is_read()
    {
        var prefix = "G" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() + "-";
        var text = $"工单编号,来电时间,诉求内容,地址\r\n{prefix}1,2026/11/28 9:05,小区绿化带有人种菜,新庄路 7 号\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var commander = await app.ClientAsAsync("commander");
        var job = await ImportAsync(commander, Encoding.GetEncoding("GB18030").GetBytes(text), "gbk.csv");
        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        var description = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<EventIntakeDetails>()
            .Where(x => x.ExternalOrderNo == prefix + "1")
            .Join(sp.GetRequiredService<JiexinDbContext>().Set<Event>(), i => i.EventId, e => e.Id, (i, e) => e.Description).SingleAsync(Ct));
        Assert.Equal("小区绿化带有人种菜", description);
    }

    [Fact]
    public async Task Templates_download_and_only_the_command_centre_imports()
    {
        using var commander = await app.ClientAsAsync("commander");
        var xlsx = await commander.GetByteArrayAsync("/api/v1/events/imports/template?format=xlsx", Ct);
        using (var stream = new MemoryStream(xlsx))
        {
            var header = (IDictionary<string, object?>)stream.Query(useHeaderRow: false).First();
            Assert.Equal(["工单编号", "来电时间", "诉求内容", "地址", "联系人", "联系电话", "纬度", "经度"], header.Values.Select(v => v?.ToString()));
        }

        var csv = await commander.GetByteArrayAsync("/api/v1/events/imports/template?format=csv", Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        Assert.StartsWith("工单编号,来电时间,诉求内容", Encoding.UTF8.GetString(csv, 3, csv.Length - 3));

        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/v1/events/imports/template", Ct)).StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "t.csv" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsync("/api/v1/events/imports", form, Ct)).StatusCode);
    }
}

public sealed class ImportEventsTests_Sqlite(SqliteApp app) : ImportEventsTests(app), IClassFixture<SqliteApp>;

public sealed class ImportEventsTests_Postgres(PostgresApp app) : ImportEventsTests(app), IClassFixture<PostgresApp>;
