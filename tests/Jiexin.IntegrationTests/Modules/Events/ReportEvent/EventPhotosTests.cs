using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.IntegrationTests.Modules.Accounts;
using Jiexin.IntegrationTests.Platform.Media;
using Jiexin.Modules.Events.Domain;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jiexin.IntegrationTests.Modules.Events.IntakeTestKit;

namespace Jiexin.IntegrationTests.Modules.Events.ReportEvent;

/// <summary>Photos at intake (API: upload, then reference; resident H5: in the form) and on steps, served by the event's access.</summary>
public abstract partial class EventPhotosTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IntakeTestKit _kit = new(app);

    private Task<List<MediaFile>> MediaOfAsync(string kind, Guid owner) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AsNoTracking()
            .Where(m => m.OwnerKind == kind && m.OwnerId == owner).ToListAsync(Ct));

    [Fact]
    public async Task Api_photos_uploaded_first_attach_to_the_event_and_follow_its_visibility()
    {
        var at = await _kit.PointInGridAsync();
        using var resident = await app.ClientAsAsync("resident01");
        var ids = await UploadPhotosAsync(resident, 2);

        var e = await ReportAsync(resident, new { description = $"路面塌陷有坑 {Guid.NewGuid():N}", latitude = at.Lat, longitude = at.Lng, photoIds = ids });

        var photos = e.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids, photos);
        var eventId = e.GetProperty("id").GetGuid();
        Assert.Equal(2, (await MediaOfAsync("event", eventId)).Count);

        using var commander = await app.ClientAsAsync("commander");
        using var other = await app.ClientAsAsync("resident02");
        var url = e.GetProperty("photos")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync(url, Ct)).StatusCode);
        var served = await commander.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url, Ct)).StatusCode);

        var detail = await JsonAsync(await commander.GetAsync($"/api/v1/events/{eventId}", Ct), HttpStatusCode.OK);
        Assert.Equal(2, detail.GetProperty("photos").GetArrayLength());
    }

    [Fact]
    public async Task A_photo_can_be_attached_once_and_only_by_its_uploader()
    {
        using var resident = await app.ClientAsAsync("resident01");
        using var other = await app.ClientAsAsync("resident02");
        var ids = await UploadPhotosAsync(other, 1);

        // Not yet attached: only the uploader may see it.
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/media/{ids[0]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/media/{ids[0]}", Ct)).StatusCode);

        var description = $"别人的照片 {Guid.NewGuid():N}";
        var stolen = await resident.PostAsJsonAsync("/api/v1/events", new { description, address = "新庄路 1 号", photoIds = ids }, Ct);
        var problem = await JsonAsync(stolen, HttpStatusCode.BadRequest);
        Assert.Contains("不是您上传的", problem.GetProperty("errors").GetProperty("photoIds")[0].GetString());

        await ReportAsync(other, new { description, address = "新庄路 1 号", photoIds = ids });
        var again = await other.PostAsJsonAsync("/api/v1/events", new { description = description + "二", address = "新庄路 1 号", photoIds = ids }, Ct);
        await JsonAsync(again, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upload_refuses_non_images_and_more_than_five_with_Chinese_problems_and_stores_nothing()
    {
        using var resident = await app.ClientAsAsync("resident01");
        var gif = "GIF89a\x01\x00\x01\x00"u8.ToArray();
        var refused = await JsonAsync(await UploadAsync(resident, ("ok.jpg", MediaTestHost.Jpeg(50, 50)), ("anim.gif", gif)), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("anim.gif", refused.GetProperty("detail").GetString());
        Assert.Contains("JPEG", refused.GetProperty("detail").GetString());

        var six = Enumerable.Range(0, 6).Select(i => ($"{i}.jpg", MediaTestHost.Jpeg(40, 40))).ToArray();
        var tooMany = await JsonAsync(await UploadAsync(resident, six), HttpStatusCode.BadRequest);
        Assert.Contains("5", tooMany.GetProperty("detail").GetString());

        var userId = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Users.Where(u => u.UserName == "resident01").Select(u => u.Id).SingleAsync(Ct));
        var pending = await MediaOfAsync("event-upload", userId);
        Assert.DoesNotContain(pending, m => m.OriginalFileName == "ok.jpg");
    }

    [Fact]
    public async Task A_step_records_its_photos_and_where_it_was_taken()
    {
        var at = await _kit.PointInGridAsync("XC-01");
        using var grid = await app.ClientAsAsync("grid01");
        var e = await ReportAsync(grid, new { description = $"井盖缺失需要处置 {Guid.NewGuid():N}", latitude = at.Lat, longitude = at.Lng });
        e = await JsonAsync(await ActAsync(grid, e, "SelfHandle"), HttpStatusCode.OK);
        var ids = await UploadPhotosAsync(grid, 2);

        var badPair = await ActAsync(grid, e, "Handle", new { note = "已更换井盖", photoIds = ids, latitude = at.Lat });
        await JsonAsync(badPair, HttpStatusCode.BadRequest);

        await JsonAsync(await ActAsync(grid, e, "Handle", new { note = "已更换井盖", photoIds = ids, latitude = at.Lat, longitude = at.Lng }), HttpStatusCode.OK);

        var detail = await JsonAsync(await grid.GetAsync($"/api/v1/events/{e.GetProperty("id").GetGuid()}", Ct), HttpStatusCode.OK);
        var step = detail.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("action").GetString() == "Handle");
        Assert.Equal(at.Lat, step.GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(at.Lng, step.GetProperty("longitude").GetDouble(), 6);
        Assert.Equal(ids, step.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList());
        Assert.Equal(0, detail.GetProperty("photos").GetArrayLength()); // step evidence is not an intake photo

        using var commander = await app.ClientAsAsync("commander");
        using var resident = await app.ClientAsAsync("resident02");
        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync($"/api/v1/media/{ids[0]}/thumbnail", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/media/{ids[0]}", Ct)).StatusCode);
    }

    private async Task<(PageSession Session, string Token, string Key)> OpenResidentFormAsync()
    {
        var session = new PageSession(app);
        await session.LoginAsync("resident01", JiexinApp.DemoPassword, returnUrl: "/m/report");
        var html = await session.GetHtmlAsync("/m/report");
        Assert.Contains("type=\"file\"", html);
        Assert.Contains("enctype=\"multipart/form-data\"", html);
        return (session, PageSession.AntiforgeryToken(html), KeyField().Match(html).Groups[1].Value);
    }

    private static MultipartFormDataContent ResidentForm(string token, string key, string description, params (string Name, byte[] Bytes)[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("report"), "_handler" },
            { new StringContent(key), "Input.IdempotencyKey" },
            { new StringContent(description), "Input.Description" },
            { new StringContent("新庄路 66 号"), "Input.Address" },
        };
        foreach (var (name, bytes) in photos)
        {
            form.Add(new ByteArrayContent(bytes), "photos", name);
        }

        if (photos.Length == 0)
        {
            // What a browser sends for a file input left empty.
            form.Add(new ByteArrayContent([]), "photos", "\"\"");
        }

        return form;
    }

    [Fact]
    public async Task Resident_form_posts_photos_with_the_report_in_one_go()
    {
        var (session, token, key) = await OpenResidentFormAsync();
        using var _ = session;
        var description = $"绿化带里有垃圾 {Guid.NewGuid():N}";

        var response = await session.Client.PostAsync("/m/report", ResidentForm(token, key, description, ("a.jpg", MediaTestHost.Jpeg(300, 200)), ("b.jpg", MediaTestHost.Jpeg(200, 300))), Ct);

        Assert.StartsWith("/m/events/", PageSession.RedirectTarget(response));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().SingleAsync(x => x.Description == description, Ct));
        var photos = await MediaOfAsync("event", stored.Id);
        Assert.Equal(2, photos.Count);
        Assert.All(photos, p => Assert.Equal("image/jpeg", p.ContentType));
    }

    [Fact]
    public async Task The_reporter_sees_their_photos_and_the_handlers_photos_on_the_tracking_page()
    {
        var (session, token, key) = await OpenResidentFormAsync();
        using var _ = session;
        var description = $"楼道灯坏了请修理 {Guid.NewGuid():N}";
        var posted = await session.Client.PostAsync("/m/report", ResidentForm(token, key, description, ("a.jpg", MediaTestHost.Jpeg(300, 200)), ("b.jpg", MediaTestHost.Jpeg(200, 300))), Ct);
        var tracking = PageSession.RedirectTarget(posted);
        var eventId = Guid.Parse(tracking["/m/events/".Length..]);

        // The department handles it with a photo of the result.
        using var commander = await app.ClientAsAsync("commander");
        var e = await JsonAsync(await commander.GetAsync($"/api/v1/events/{eventId}", Ct), HttpStatusCode.OK);
        e = await JsonAsync(await ActAsync(commander, e, "Triage"), HttpStatusCode.OK);
        var department = await new EventTestKit(app).DepartmentAsync("城管");
        e = await JsonAsync(await ActAsync(commander, e, "Dispatch", new { assigneeKind = "Department", assigneeId = department }), HttpStatusCode.OK);
        using var clerk = await app.ClientAsAsync("dept-cg");
        e = await JsonAsync(await ActAsync(clerk, e, "Accept"), HttpStatusCode.OK);
        var resultPhoto = await UploadPhotosAsync(clerk, 1);
        await JsonAsync(await ActAsync(clerk, e, "Handle", new { note = "已更换灯泡", photoIds = resultPhoto }), HttpStatusCode.OK);

        var html = await session.GetHtmlAsync(tracking);
        var intake = PhotoGallery("tracking-photos").Match(html);
        Assert.True(intake.Success, "the tracking page shows the reporter's photos");
        var thumbnails = ThumbnailSource().Matches(intake.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, thumbnails.Count);
        var step = PhotoGallery("tracking-step-photos").Match(html);
        Assert.True(step.Success, "the tracking page shows the handler's photo on its step");
        Assert.Contains($"/api/v1/media/{resultPhoto[0]}", step.Value);

        // The links the page shows are served to the reporter (the same access as the event).
        foreach (var src in thumbnails.Append($"/api/v1/media/{resultPhoto[0]}/thumbnail"))
        {
            var served = await session.Client.GetAsync(WebUtility.HtmlDecode(src), Ct);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Resident_form_without_photos_still_reports()
    {
        var (session, token, key) = await OpenResidentFormAsync();
        using var _ = session;
        var description = $"没有照片的反映 {Guid.NewGuid():N}";
        var response = await session.Client.PostAsync("/m/report", ResidentForm(token, key, description), Ct);
        Assert.StartsWith("/m/events/", PageSession.RedirectTarget(response));
    }

    [Fact]
    public async Task Resident_form_with_a_wrong_file_shows_why_in_Chinese_and_saves_nothing()
    {
        var (session, token, key) = await OpenResidentFormAsync();
        using var _ = session;
        var description = $"照片格式不对 {Guid.NewGuid():N}";

        var response = await session.Client.PostAsync("/m/report",
            ResidentForm(token, key, description, ("good.jpg", MediaTestHost.Jpeg(100, 100)), ("notes.txt", "hello"u8.ToArray())), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.ReadHtmlAsync(response);
        Assert.Contains("data-testid=\"photos-error\"", html);
        Assert.Contains("notes.txt", html);
        Assert.Contains("仅支持 JPEG、PNG 或 WebP", html);
        Assert.Contains(description, html); // what was typed is kept
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<Event>().AnyAsync(x => x.Description == description, Ct)));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AnyAsync(m => m.OriginalFileName == "good.jpg" && m.OwnerKind == "event", Ct)));
    }

    private static Regex PhotoGallery(string testId) => new($"<div class=\"jx-photos[^\"]*\" data-testid=\"{testId}\"[^>]*>.*?</div>", RegexOptions.Singleline);

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ThumbnailSource();

    [GeneratedRegex("name=\"Input.IdempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();
}

public sealed class EventPhotosTests_Sqlite(SqliteApp app) : EventPhotosTests(app), IClassFixture<SqliteApp>;

public sealed class EventPhotosTests_Postgres(PostgresApp app) : EventPhotosTests(app), IClassFixture<PostgresApp>;
