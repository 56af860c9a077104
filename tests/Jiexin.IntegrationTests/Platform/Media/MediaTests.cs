using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace Jiexin.IntegrationTests.Platform.Media;

/// <summary>Storing photos with the caller's SaveChanges, serving them through the owner's access rule, sweeping orphans.</summary>
public abstract class MediaTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores a photo as an owner module's handler would; commits its row only when asked to.</summary>
    private Task<MediaFile> SaveAsync(MediaOwner owner, byte[] image, bool commit = true, string? fileName = "现场照片.jpg") =>
        app.WithScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<IMediaStore>();
            var db = sp.GetRequiredService<JiexinDbContext>();
            var saved = await store.SaveImageAsync(new MemoryStream(image), fileName, owner, Principal("grid01"), Ct);
            Assert.True(saved.Succeeded, saved.Error?.Message);
            db.Add(saved.Media);
            if (commit)
            {
                await db.SaveChangesAsync(Ct);
            }

            return saved.Media;
        });

    private static ClaimsPrincipal Principal(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));

    private Task<bool> RowExistsAsync(Guid id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AnyAsync(m => m.Id == id, Ct));

    private string PathOf(MediaFile media, MediaVariant variant) =>
        app.Services.GetRequiredService<MediaStorage>().PathOf(media.StorageKey, variant);

    private static MediaOwner NewOwner(string kind = MediaTestHost.Kind) => new(kind, Guid.NewGuid());

    [Fact]
    public async Task An_allowed_user_gets_the_stored_jpeg_with_nosniff_cache_headers_and_etag()
    {
        var owner = NewOwner();
        var media = await SaveAsync(owner, MediaTestHost.Jpeg(800, 600));
        app.Services.GetRequiredService<PhotoGrants>().Allow(owner.Id, "commander");
        using var client = await app.ClientAsAsync("commander");

        var response = await client.GetAsync(MediaFiles.Url(media.Id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge: not null });
        Assert.Contains("immutable", response.Headers.CacheControl.ToString());
        Assert.Equal($"\"{media.Sha256}\"", response.Headers.ETag?.Tag);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(media.Sha256, Convert.ToHexStringLower(SHA256.HashData(body)));
        using (var decoded = SKBitmap.Decode(body))
        {
            Assert.Equal((800, 600), (decoded.Width, decoded.Height));
        }

        var thumbnail = await client.GetAsync(MediaFiles.ThumbnailUrl(media.Id), Ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", thumbnail.Headers.GetValues("X-Content-Type-Options").Single());
        using var thumb = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal((320, 240), (thumb.Width, thumb.Height));
        Assert.Equal((320, 240), (media.ThumbnailWidth, media.ThumbnailHeight));
    }

    [Fact]
    public async Task A_repeated_request_with_the_etag_is_answered_304()
    {
        var owner = NewOwner();
        var media = await SaveAsync(owner, MediaTestHost.Jpeg(64, 48));
        app.Services.GetRequiredService<PhotoGrants>().Allow(owner.Id, "commander");
        using var client = await app.ClientAsAsync("commander");
        using var request = new HttpRequestMessage(HttpMethod.Get, MediaFiles.Url(media.Id));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{media.Sha256}\""));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task A_user_the_owner_rule_refuses_gets_404_problem()
    {
        var owner = NewOwner();
        var media = await SaveAsync(owner, MediaTestHost.Jpeg(64, 48));
        app.Services.GetRequiredService<PhotoGrants>().Allow(owner.Id, "commander");
        using var resident = await app.ClientAsAsync("resident01");

        var photo = await resident.GetAsync(MediaFiles.Url(media.Id), Ct);
        var thumbnail = await resident.GetAsync(MediaFiles.ThumbnailUrl(media.Id), Ct);

        await AssertNotFoundProblemAsync(photo);
        await AssertNotFoundProblemAsync(thumbnail);
    }

    [Fact]
    public async Task A_photo_whose_owner_kind_has_no_rule_is_never_served()
    {
        var media = await SaveAsync(NewOwner("no-rule-kind"), MediaTestHost.Jpeg(64, 48));
        using var admin = await app.ClientAsAsync("admin");

        await AssertNotFoundProblemAsync(await admin.GetAsync(MediaFiles.Url(media.Id), Ct));
    }

    [Fact]
    public async Task An_unknown_id_is_404_problem()
    {
        using var client = await app.ClientAsAsync("commander");

        await AssertNotFoundProblemAsync(await client.GetAsync(MediaFiles.Url(Guid.NewGuid()), Ct));
        await AssertNotFoundProblemAsync(await client.GetAsync(MediaFiles.ThumbnailUrl(Guid.NewGuid()), Ct));
    }

    [Fact]
    public async Task Anonymous_requests_are_401()
    {
        var owner = NewOwner();
        var media = await SaveAsync(owner, MediaTestHost.Jpeg(64, 48));
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(MediaFiles.Url(media.Id), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_row_is_written_with_all_its_facts_and_an_owner_lists_its_photos_in_order()
    {
        var owner = NewOwner();
        var first = await SaveAsync(owner, MediaTestHost.Jpeg(300, 200), fileName: "第一张.jpg");
        var second = await SaveAsync(owner, MediaTestHost.Jpeg(200, 300), fileName: null);
        await SaveAsync(NewOwner(), MediaTestHost.Jpeg(10, 10));

        var listed = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().AsNoTracking().OwnedBy(owner).ToListAsync(Ct));

        Assert.Equal([first.Id, second.Id], listed.Select(m => m.Id));
        var row = listed[0];
        Assert.Equal((MediaTestHost.Kind, owner.Id, "image/jpeg", 300, 200, "第一张.jpg"), (row.OwnerKind, row.OwnerId, row.ContentType, row.Width, row.Height, row.OriginalFileName));
        Assert.Equal(first.Sha256, row.Sha256);
        Assert.Equal(new FileInfo(PathOf(first, MediaVariant.Photo)).Length, row.ByteSize);
        Assert.Equal(DateTimeKind.Utc, row.CreatedAt.Kind);
        Assert.Null(listed[1].OriginalFileName);
    }

    [Fact]
    public async Task Without_the_callers_SaveChanges_there_is_no_row_and_the_orphan_sweep_removes_the_files()
    {
        app.RequireAvailable();
        var owner = NewOwner();
        app.Services.GetRequiredService<PhotoGrants>().Allow(owner.Id, "commander");
        var orphan = await SaveAsync(owner, MediaTestHost.Jpeg(120, 90), commit: false);
        var kept = await SaveAsync(owner, MediaTestHost.Jpeg(120, 90));
        var crashLeftover = PathOf(kept, MediaVariant.Photo) + ".0123abcd.tmp";
        await File.WriteAllBytesAsync(crashLeftover, [1, 2, 3], Ct);

        Assert.False(await RowExistsAsync(orphan.Id));
        Assert.True(File.Exists(PathOf(orphan, MediaVariant.Photo)));
        using var client = await app.ClientAsAsync("commander");
        await AssertNotFoundProblemAsync(await client.GetAsync(MediaFiles.Url(orphan.Id), Ct));

        // Within the grace period nothing is touched: the caller may still be about to commit.
        var early = await SweepAsync(at: DateTimeOffset.UtcNow);
        Assert.True(File.Exists(PathOf(orphan, MediaVariant.Photo)));
        Assert.Equal(0, early.FilesDeleted);

        var late = await SweepAsync(at: DateTimeOffset.UtcNow.AddHours(25));

        Assert.False(File.Exists(PathOf(orphan, MediaVariant.Photo)));
        Assert.False(File.Exists(PathOf(orphan, MediaVariant.Thumbnail)));
        Assert.False(File.Exists(crashLeftover));
        Assert.True(File.Exists(PathOf(kept, MediaVariant.Photo)));
        Assert.True(File.Exists(PathOf(kept, MediaVariant.Thumbnail)));
        Assert.True(late.FilesDeleted >= 3);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(MediaFiles.Url(kept.Id), Ct)).StatusCode);
    }

    private Task<MediaOrphanSweeper.SweepResult> SweepAsync(DateTimeOffset at) =>
        app.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<MediaOrphanSweeper>(sp, (TimeProvider)new FakeTimeProvider(at)).RunOnceAsync(null, Ct));

    private static async Task AssertNotFoundProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}

public sealed class MediaTests_Sqlite(MediaSqliteApp app) : MediaTests(app), IClassFixture<MediaSqliteApp>;

public sealed class MediaTests_Postgres(MediaPostgresApp app) : MediaTests(app), IClassFixture<MediaPostgresApp>;
