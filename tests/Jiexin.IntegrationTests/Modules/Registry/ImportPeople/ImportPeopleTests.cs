using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.Modules.Registry.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Jiexin.IntegrationTests.Modules.Registry.RegistryTestKit;

namespace Jiexin.IntegrationTests.Modules.Registry.ImportPeople;

/// <summary>People import: row-level errors, all-or-nothing vs valid rows only, preview then commit, error report; masked export.</summary>
public abstract class ImportPeopleTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> UploadAsync(HttpClient client, byte[] content, string? mode)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(part, "file", "people.xlsx");
        if (mode is not null)
        {
            form.Add(new StringContent(mode), "mode");
        }

        var started = await JsonAsync(await client.PostAsync("/api/v1/registry/people/imports", form, Ct), HttpStatusCode.Accepted);
        return await WaitAsync(client, started.GetProperty("id").GetGuid(), until: mode is null ? "Validated" : null);
    }

    /// <summary>Polls as the page does until the job finishes (or reaches <paramref name="until"/>).</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, Guid id, string? until = null)
    {
        while (true)
        {
            var job = await JsonAsync(await client.GetAsync($"/api/v1/registry/people/imports/{id}", Ct), HttpStatusCode.OK);
            Assert.InRange(job.GetProperty("percent").GetInt32(), 0, 100);
            if (job.GetProperty("finishedAt").ValueKind != JsonValueKind.Null || job.GetProperty("state").GetString() == until)
            {
                return job;
            }

            await Task.Delay(150, Ct);
        }
    }

    private Task<List<Person>> PeopleNamedAsync(string prefix) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Person>().AsNoTracking().Where(p => p.Name.StartsWith(prefix)).ToListAsync(Ct));

    private static Dictionary<string, object?> Row(string name, string? idNumber = null, string? phone = null, string? residence = null, string? address = null, string? tags = null) => new()
    {
        ["姓名"] = name,
        ["身份证号"] = idNumber,
        ["手机号"] = phone,
        ["人口类型"] = residence,
        ["标准地址"] = address,
        ["与房屋关系"] = null,
        ["人员标签"] = tags,
        ["备注"] = null,
    };

    /// <summary>Rows 2–4 good, 5 bad checksum, 6 unknown address, 7 same ID as row 2, 8 already registered, 9 bad residence type.</summary>
    private async Task<(byte[] File, string Prefix, string GoodId)> MixedFileAsync(HttpClient client)
    {
        var prefix = "导" + Guid.NewGuid().ToString("N")[..6];
        var registered = NewIdNumber();
        await CreatePersonAsync(client, new { name = "已登记" + prefix, idNumber = registered });
        var goodId = NewIdNumber();
        var address = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<StandardAddress>().OrderBy(a => a.Label).Select(a => a.Label).FirstAsync(Ct));
        var rows = new List<Dictionary<string, object?>>
        {
            Row(prefix + "甲", goodId, NewPhone(), "户籍人口", address, "独居老人，低保户"),
            Row(prefix + "乙", NewIdNumber(), null, "流动人口"),
            Row(prefix + "丙"),
            Row(prefix + "丁", WithBadChecksum(NewIdNumber())),
            Row(prefix + "戊", NewIdNumber(), address: "不存在的社区不存在的路1号"),
            Row(prefix + "己", goodId),
            Row(prefix + "庚", registered),
            Row(prefix + "辛", NewIdNumber(), residence: "外星人"),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return (stream.ToArray(), prefix, goodId);
    }

    [Fact]
    public async Task All_or_nothing_with_bad_rows_saves_nothing_and_reports_every_row_and_column()
    {
        using var commander = await app.ClientAsAsync("commander");
        var (file, prefix, _) = await MixedFileAsync(commander);

        var job = await UploadAsync(commander, file, "AllOrNothing");
        Assert.Equal("Rejected", job.GetProperty("state").GetString());
        Assert.Equal(8, job.GetProperty("totalRows").GetInt32());
        Assert.Equal(5, job.GetProperty("invalidRows").GetInt32());
        Assert.Equal(0, job.GetProperty("created").GetInt32());
        var errors = job.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(5, "身份证号"), (6, "标准地址"), (7, "身份证号"), (8, "身份证号"), (9, "人口类型")], errors);
        Assert.Contains("校验位", job.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("第 2 行", job.GetProperty("errors")[2].GetProperty("message").GetString());
        Assert.Contains("已登记", job.GetProperty("errors")[3].GetProperty("message").GetString());
        Assert.Empty(await PeopleNamedAsync(prefix));

        // The downloadable report lists the same problems, row by row, and no cell values.
        var report = await commander.GetAsync($"/api/v1/registry/people/imports/{job.GetProperty("id").GetGuid()}/errors", Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var reportStream = new MemoryStream(await report.Content.ReadAsByteArrayAsync(Ct));
        var lines = reportStream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([5d, 6d, 7d, 8d, 9d], lines.Select(l => Convert.ToDouble(l["行号"])));
        Assert.Equal("标准地址", lines[1]["列"]);
    }

    [Fact]
    public async Task Preview_then_valid_rows_only_imports_the_good_rows_encrypted_and_in_place()
    {
        using var commander = await app.ClientAsAsync("commander");
        var (file, prefix, goodId) = await MixedFileAsync(commander);

        var preview = await UploadAsync(commander, file, mode: null);
        Assert.Equal("Validated", preview.GetProperty("state").GetString());
        Assert.Equal(3, preview.GetProperty("validRows").GetInt32());
        var first = preview.GetProperty("preview")[0];
        Assert.Equal(prefix + "甲", first.GetProperty("name").GetString());
        Assert.Equal(goodId[..6] + "**********" + goodId[^2..], first.GetProperty("idNumber").GetString());
        Assert.Empty(await PeopleNamedAsync(prefix));

        var id = preview.GetProperty("id").GetGuid();
        await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/imports/{id}/commit", new { mode = "ValidRowsOnly" }, Ct), HttpStatusCode.Accepted);
        var done = await WaitAsync(commander, id);
        Assert.Equal("Succeeded", done.GetProperty("state").GetString());
        Assert.Equal(3, done.GetProperty("created").GetInt32());
        // A job runs once.
        await JsonAsync(await commander.PostAsJsonAsync($"/api/v1/registry/people/imports/{id}/commit", new { mode = "ValidRowsOnly" }, Ct), HttpStatusCode.Conflict);

        var people = await PeopleNamedAsync(prefix);
        Assert.Equal(new[] { prefix + "甲", prefix + "乙", prefix + "丙" }.Order(StringComparer.Ordinal), people.Select(p => p.Name).Order(StringComparer.Ordinal));
        var jia = people.Single(p => p.Name == prefix + "甲");
        Assert.NotNull(jia.AddressId);
        Assert.NotNull(jia.GridId);
        Assert.StartsWith("pd1:", jia.IdNumberCipher);
        Assert.DoesNotContain(goodId, jia.IdNumberCipher);
        Assert.Equal(ResidenceType.Floating, people.Single(p => p.Name == prefix + "乙").ResidenceType);

        // The imported tags are searchable through their blind index.
        var tagged = await JsonAsync(await commander.GetAsync($"/api/v1/registry/people?name={prefix}&tag=低保户", Ct), HttpStatusCode.OK);
        Assert.Equal([jia.Id], tagged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Export_follows_the_filters_and_is_masked()
    {
        using var commander = await app.ClientAsAsync("commander");
        var prefix = "出" + Guid.NewGuid().ToString("N")[..6];
        var idNumber = NewIdNumber();
        var phone = NewPhone();
        await CreatePersonAsync(commander, new { name = prefix + "一", idNumber, phone });
        await CreatePersonAsync(commander, new { name = prefix + "二" });

        var response = await commander.GetAsync($"/api/v1/registry/people/export?name={prefix}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal([prefix + "一", prefix + "二"], rows.Select(r => r["姓名"]?.ToString()));
        Assert.Equal(idNumber[..6] + "**********" + idNumber[^2..], rows[0]["身份证号"]);
        Assert.Equal(phone[..3] + "****" + phone[^4..], rows[0]["手机号"]);
        // Nowhere in the file, not even in the sheet's shared strings.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var text = await reader.ReadToEndAsync(Ct);
            Assert.DoesNotContain(idNumber, text);
            Assert.DoesNotContain(phone, text);
        }
    }

    [Fact]
    public async Task Grid_workers_cannot_import()
    {
        using var grid = await app.ClientAsAsync("grid01");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/v1/registry/people/imports/template", Ct)).StatusCode);
    }
}

public sealed class ImportPeopleTests_Sqlite(SqliteApp app) : ImportPeopleTests(app), IClassFixture<SqliteApp>;

public sealed class ImportPeopleTests_Postgres(PostgresApp app) : ImportPeopleTests(app), IClassFixture<PostgresApp>;
