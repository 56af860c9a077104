using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.IntegrationTests.Platform.Media;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Modules.Disputes.Evidence;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Disputes.DisputeApi;

namespace Jiexin.IntegrationTests.Modules.Disputes.Evidence;

/// <summary>
/// Issue 6 §1 evidence files: photos and PDFs uploaded first, attached at intake or later (all or nothing), seen by whoever
/// sees the case, each attachment on the timeline; fakes and limits refused; the party's H5 page; one case per retried submit.
/// </summary>
public abstract partial class DisputeEvidenceTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly DisputeApi _api = new(app);

    private static byte[] Pdf(string text = "证据") =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% {Guid.NewGuid():N} {text.Length}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes, string Type)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "files", name);
        }

        return form;
    }

    private static async Task<List<JsonElement>> UploadAsync(HttpClient client, params (string Name, byte[] Bytes, string Type)[] files) =>
        [.. (await ReadAsync(client.PostAsync("/api/v1/disputes/evidence/uploads", Files(files), Ct), HttpStatusCode.Created)).EnumerateArray()];

    private static Task<JsonElement> AttachAsync(HttpClient client, Guid disputeId, IEnumerable<Guid> ids, HttpStatusCode expected = HttpStatusCode.OK, string? note = null) =>
        ReadAsync(client.PostAsJsonAsync($"/api/v1/disputes/{disputeId}/evidence", new { evidenceIds = ids.ToArray(), note }, Ct), expected);

    private Task<string> PhoneOfAsync(string userName) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<JiexinDbContext>();
            var user = await db.Users.SingleAsync(u => u.UserName == userName, Ct);
            if (string.IsNullOrEmpty(user.PhoneNumber))
            {
                user.PhoneNumber = NewMobile();
                await db.SaveChangesAsync(Ct);
            }

            return user.PhoneNumber!;
        });

    private Task<List<MediaFile>> MediaOfAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AsNoTracking().Where(m => list.Contains(m.Id)).ToListAsync(Ct));
    }

    /// <summary>mediator01 registers a case (with a party linked to resident02 by phone) and routes it to themself.</summary>
    private async Task<(HttpClient Mediator, JsonElement Dispute)> CaseWithPartyAsync(IEnumerable<Guid>? evidenceIds = null)
    {
        var phone = await PhoneOfAsync("resident02");
        var mediator = await app.ClientAsAsync("mediator01");
        var d = await RegisterAsync(mediator, Body("相邻房屋漏水，楼下吊顶受损，双方就赔偿金额争执", "邻里",
            [new { name = "孙丽", role = "applicant", phone }, new { name = "钱某", role = "respondent" }],
            evidenceIds is null ? null : new { evidenceIds = evidenceIds.ToArray() }));
        d = await OkAsync(ActAsync(mediator, d, "Route", new { tier = "General", receiverKind = "Mediator", receiverId = await _api.UserIdAsync("mediator01") }));
        return (mediator, d);
    }

    [Fact]
    public async Task Photos_and_pdfs_attach_at_intake_and_later_are_seen_by_whoever_sees_the_case_and_go_on_the_timeline()
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var pdf = Pdf();
        var uploaded = await UploadAsync(mediator, ("现场.jpg", MediaTestHost.Jpeg(640, 480), "image/jpeg"), ("维修报价单.pdf", pdf, "application/pdf"));
        Assert.Equal(2, uploaded.Count);
        Assert.Equal("image/jpeg", uploaded[0].GetProperty("contentType").GetString());
        Assert.Equal(JsonValueKind.String, uploaded[0].GetProperty("thumbnailUrl").ValueKind);
        Assert.Equal("application/pdf", uploaded[1].GetProperty("contentType").GetString());
        Assert.Equal("维修报价单.pdf", uploaded[1].GetProperty("fileName").GetString());
        Assert.Equal(JsonValueKind.Null, uploaded[1].GetProperty("thumbnailUrl").ValueKind);
        Assert.Equal(pdf.Length, uploaded[1].GetProperty("byteSize").GetInt64());

        // At intake: both attached to the case, its own timeline step after the registration.
        var (_, d) = await CaseWithPartyAsync(uploaded.Select(Id));
        var evidence = d.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(uploaded.Select(Id), evidence.Select(Id));
        var steps = d.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()).ToList();
        Assert.Equal(new[] { "Register", DisputeEvidence.AddEvidenceAction }, steps.Take(2));
        var step = d.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("action").GetString() == DisputeEvidence.AddEvidenceAction);
        Assert.Equal("补充证据", step.GetProperty("actionName").GetString());
        Assert.Contains("维修报价单.pdf", step.GetProperty("note").GetString());
        Assert.All(await MediaOfAsync(uploaded.Select(Id)), m => Assert.Equal((DisputeEvidence.EvidenceKind, Id(d)), (m.OwnerKind, m.OwnerId)));

        // The PDF is served byte for byte, as a download, never sniffed; it has no thumbnail.
        var pdfUrl = evidence[1].GetProperty("url").GetString()!;
        var download = await mediator.GetAsync(pdfUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("维修报价单.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync(pdfUrl + "/thumbnail", Ct)).StatusCode);
        var photo = await mediator.GetAsync(evidence[0].GetProperty("thumbnailUrl").GetString()!, Ct);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);

        // The party sees it; a resident who is not a party, and staff outside the case, get 404.
        using var party = await app.ClientAsAsync("resident02");
        Assert.Equal(HttpStatusCode.OK, (await party.GetAsync(pdfUrl, Ct)).StatusCode);
        using var stranger = await app.ClientAsAsync("resident01");
        await ReadAsync(stranger.GetAsync(pdfUrl, Ct), HttpStatusCode.NotFound);
        await ReadAsync(stranger.GetAsync(evidence[0].GetProperty("url").GetString()!, Ct), HttpStatusCode.NotFound);
        using var grid = await app.ClientAsAsync("grid01");
        await ReadAsync(grid.GetAsync(pdfUrl, Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsAsync("commander")).GetAsync(pdfUrl, Ct)).StatusCode);

        // Later: the party adds a photo on their own case; it is one more timeline step.
        var partyPhoto = await UploadAsync(party, ("裂缝.png", MediaTestHost.Jpeg(300, 200), "image/png"));
        var all = await AttachAsync(party, Id(d), partyPhoto.Select(Id), note: "吊顶裂缝");
        Assert.Equal(3, all.GetArrayLength());
        var after = await OkAsync(mediator.GetAsync($"/api/v1/disputes/{Id(d)}", Ct));
        var evidenceSteps = after.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("action").GetString() == DisputeEvidence.AddEvidenceAction).ToList();
        Assert.Equal(2, evidenceSteps.Count);
        Assert.Contains("吊顶裂缝", evidenceSteps[1].GetProperty("note").GetString());
        Assert.True(after.GetProperty("version").GetInt32() > d.GetProperty("version").GetInt32());

        // A non-party resident cannot attach to the case (404), even their own upload; it stays theirs, unattached.
        var strangers = await UploadAsync(stranger, ("x.jpg", MediaTestHost.Jpeg(64, 64), "image/jpeg"));
        await AttachAsync(stranger, Id(d), strangers.Select(Id), HttpStatusCode.NotFound);
        Assert.Equal(DisputeEvidence.PendingKind, (await MediaOfAsync(strangers.Select(Id))).Single().OwnerKind);

        // Audit: the re-owning of each file is in the audit log like any other change.
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Jiexin.Platform.Audit.AuditEntry>().AsNoTracking()
            .Where(a => a.EntityType == nameof(MediaFile)).Select(a => a.EntityId).ToListAsync(Ct));
        Assert.Contains(partyPhoto.Select(Id).Single().ToString(), audited);
    }

    [Fact]
    public async Task Someone_elses_upload_is_refused_naming_the_field_and_nothing_is_attached()
    {
        using var commander = await app.ClientAsAsync("commander");
        var commanders = await UploadAsync(commander, ("a.pdf", Pdf(), "application/pdf"));
        using var mediator = await app.ClientAsAsync("mediator01");
        var mine = await UploadAsync(mediator, ("b.jpg", MediaTestHost.Jpeg(100, 80), "image/jpeg"));

        // At intake: mine and someone else's together → the whole intake refused, no case, both uploads untouched.
        var description = $"物业费争议，业主拒交 {Guid.NewGuid():N}";
        var refused = await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes", new
        {
            description, disputeType = "物业", parties = new[] { new { name = "周某", role = "applicant" } },
            evidenceIds = new[] { Id(mine[0]), Id(commanders[0]) },
        }, Ct), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("evidenceIds", out _));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().AnyAsync(x => x.Description == description, Ct)));
        Assert.Equal(DisputeEvidence.PendingKind, (await MediaOfAsync(mine.Select(Id))).Single().OwnerKind);

        // Later: the same; and an id from another module's uploads (a 销号 photo upload) is not a dispute upload.
        var (m, d) = await CaseWithPartyAsync();
        var later = await AttachAsync(m, Id(d), [Id(mine[0]), Id(commanders[0])], HttpStatusCode.BadRequest);
        Assert.True(later.GetProperty("errors").TryGetProperty("evidenceIds", out _));
        var listPhoto = await ReadAsync(mediator.PostAsync("/api/v1/lists/photos", PhotoForm(), Ct), HttpStatusCode.Created);
        await AttachAsync(m, Id(d), [Id(listPhoto[0])], HttpStatusCode.BadRequest);
        await AttachAsync(m, Id(d), [Id(mine[0]), Id(mine[0])], HttpStatusCode.BadRequest);
        await AttachAsync(m, Id(d), [], HttpStatusCode.BadRequest);
        Assert.Empty((await OkAsync(m.GetAsync($"/api/v1/disputes/{Id(d)}", Ct))).GetProperty("evidence").EnumerateArray());
        Assert.Equal(DisputeEvidence.PendingKind, (await MediaOfAsync(mine.Select(Id))).Single().OwnerKind);

        // Attached once, an upload cannot be attached again.
        await AttachAsync(m, Id(d), [Id(mine[0])]);
        await AttachAsync(m, Id(d), [Id(mine[0])], HttpStatusCode.BadRequest);
    }

    private static MultipartFormDataContent PhotoForm()
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(MediaTestHost.Jpeg(50, 50));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "photos", "list.jpg");
        return form;
    }

    [Fact]
    public async Task Fake_and_truncated_pdfs_too_many_and_too_large_files_are_refused()
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var upload = (MultipartFormDataContent form) => mediator.PostAsync("/api/v1/disputes/evidence/uploads", form, Ct);

        // An HTML page named .pdf: its bytes decide, and they are neither a photo nor a PDF.
        var fake = await ReadAsync(upload(Files(("合同.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "application/pdf"))), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_type", fake.GetProperty("code").GetString());
        Assert.Contains("PDF", fake.GetProperty("errors").GetProperty("files")[0].GetString());
        Assert.Equal("合同.pdf", fake.GetProperty("files")[0].GetProperty("fileName").GetString());

        // The header with the end cut off (no %%EOF): a broken upload, refused rather than kept as evidence.
        var truncated = await ReadAsync(upload(Files(("扫描件.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj<<>>endobj\n"), "application/pdf"))), HttpStatusCode.BadRequest);
        Assert.Equal("corrupt", truncated.GetProperty("code").GetString());

        // More than five at once; a PDF over the document limit (declared size refused before anything is read).
        var six = Enumerable.Range(0, DisputeEvidence.MaxPerAttach + 1).Select(i => ($"{i}.pdf", Pdf(), "application/pdf")).ToArray();
        Assert.Equal("too_many_files", (await ReadAsync(upload(Files(six)), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var maxDocument = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.MaxDocumentBytes;
        var huge = new byte[maxDocument + 1];
        Pdf().CopyTo(huge, 0);
        var tooLarge = await upload(Files(("大文件.pdf", huge, "application/pdf")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("too_large", await tooLarge.Content.ReadAsStringAsync(Ct));

        // Not multipart (routing refuses the content type, like the lists' upload); multipart without files.
        await ReadAsync(mediator.PostAsJsonAsync("/api/v1/disputes/evidence/uploads", new { files = "x" }, Ct), HttpStatusCode.UnsupportedMediaType);
        var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var none = await ReadAsync(upload(empty), HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("files", out _));

        // At most 30 files on one case: the 31st is refused.
        var (m, d) = await CaseWithPartyAsync();
        for (var i = 0; i < DisputeEvidence.MaxPerCase / DisputeEvidence.MaxPerAttach; i++)
        {
            var five = await UploadAsync(m, [.. Enumerable.Range(0, DisputeEvidence.MaxPerAttach).Select(j => ($"{i}-{j}.pdf", Pdf(), "application/pdf"))]);
            await AttachAsync(m, Id(d), five.Select(Id));
        }

        var extra = await UploadAsync(m, ("31.pdf", Pdf(), "application/pdf"));
        var full = await AttachAsync(m, Id(d), extra.Select(Id), HttpStatusCode.BadRequest);
        Assert.Contains("30", full.GetProperty("errors").GetProperty("evidenceIds")[0].GetString());
    }

    [Fact]
    public async Task A_party_adds_evidence_on_their_case_page_and_sees_it_there()
    {
        var (_, d) = await CaseWithPartyAsync();
        using var session = new PageSession(app);
        await session.LoginAsync("resident02", JiexinApp.DemoPassword, returnUrl: "/m/disputes");
        var page = await session.GetHtmlAsync($"/m/disputes/{Id(d)}");
        Assert.Contains("enctype=\"multipart/form-data\"", page);
        Assert.Contains("暂无证据材料", page);
        Assert.DoesNotContain("<script>", page);

        var form = new MultipartFormDataContent
        {
            { new StringContent(PageSession.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("evidence"), "_handler" },
            { new StringContent("漏水现场"), "Evidence.Note" },
            { new ByteArrayContent(MediaTestHost.Jpeg(400, 300)), "files", "现场.jpg" },
            { new ByteArrayContent(Pdf()), "files", "收据.pdf" },
        };
        var posted = await session.Client.PostAsync($"/m/disputes/{Id(d)}", form, Ct);
        Assert.Equal($"/m/disputes/{Id(d)}?evidence=added", PageSession.RedirectTarget(posted));
        var shown = await session.GetHtmlAsync($"/m/disputes/{Id(d)}?evidence=added");
        Assert.Contains("证据已提交", shown);
        Assert.Contains("收据.pdf", shown);
        var evidence = (await OkAsync((await app.ClientAsAsync("mediator01")).GetAsync($"/api/v1/disputes/{Id(d)}", Ct))).GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(2, evidence.Count);
        Assert.Contains(evidence[0].GetProperty("thumbnailUrl").GetString()!, shown);

        // A fake PDF on the form: the reason in Chinese, nothing attached.
        var fakeForm = new MultipartFormDataContent
        {
            { new StringContent(PageSession.AntiforgeryToken(shown)), "__RequestVerificationToken" },
            { new StringContent("evidence"), "_handler" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("not a pdf")), "files", "假.pdf" },
        };
        var refused = await PageSession.ReadHtmlAsync(await session.Client.PostAsync($"/m/disputes/{Id(d)}", fakeForm, Ct));
        Assert.Contains("仅支持 JPEG、PNG、WebP 照片或 PDF 文件", refused);
        Assert.Equal(2, (await OkAsync((await app.ClientAsAsync("mediator01")).GetAsync($"/api/v1/disputes/{Id(d)}", Ct))).GetProperty("evidence").GetArrayLength());
    }

    [Fact]
    public async Task The_same_resident_form_posted_twice_makes_one_case()
    {
        using var session = new PageSession(app);
        await session.LoginAsync("resident01", JiexinApp.DemoPassword, returnUrl: "/m/disputes");
        var html = await session.GetHtmlAsync("/m/disputes/new");
        var key = KeyField().Match(html).Groups[1].Value;
        Assert.StartsWith("m-", key);
        var description = $"邻居在楼道堆放杂物，多次劝说无果 {Guid.NewGuid():N}";
        FormUrlEncodedContent Form() => new(
        [
            new("__RequestVerificationToken", PageSession.AntiforgeryToken(html)), new("_handler", "dispute"), new("Input.IdempotencyKey", key),
            new("Input.Type", "neighbour"), new("Input.Description", description), new("Input.Respondent", "邻居"), new("Input.CommunityId", ""),
        ]);
        var first = PageSession.RedirectTarget(await session.Client.PostAsync("/m/disputes/new", Form(), Ct));
        var second = PageSession.RedirectTarget(await session.Client.PostAsync("/m/disputes/new", Form(), Ct));
        Assert.StartsWith("/m/disputes/", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Dispute>().CountAsync(x => x.Description == description, Ct)));

        // A fresh form is a fresh key.
        Assert.NotEqual(key, KeyField().Match(await session.GetHtmlAsync("/m/disputes/new")).Groups[1].Value);
    }

    [Fact]
    public async Task The_api_takes_an_idempotency_key_the_same_body_twice_is_one_case_another_body_409()
    {
        using var mediator = await app.ClientAsAsync("mediator01");
        var body = Body("装修噪音扰民");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> PostAsync(object b)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/disputes") { Content = JsonContent.Create(b) };
            request.Headers.Add("Idempotency-Key", key);
            return await mediator.SendAsync(request, Ct);
        }

        var first = await ReadAsync(PostAsync(body), HttpStatusCode.Created);
        var again = await ReadAsync(PostAsync(body), HttpStatusCode.Created);
        Assert.Equal(Id(first), Id(again));
        await ReadAsync(PostAsync(Body("另一件事情另一件事情")), HttpStatusCode.Conflict);
    }

    [GeneratedRegex("name=\"Input.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}

public sealed class DisputeEvidenceTests_Sqlite(SqliteApp app) : DisputeEvidenceTests(app), IClassFixture<SqliteApp>;

public sealed class DisputeEvidenceTests_Postgres(PostgresApp app) : DisputeEvidenceTests(app), IClassFixture<PostgresApp>;
