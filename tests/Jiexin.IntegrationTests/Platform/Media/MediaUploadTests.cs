using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jiexin.Data;
using Jiexin.IntegrationTests.Infrastructure;
using Jiexin.Platform.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jiexin.IntegrationTests.Platform.Media;

/// <summary>
/// Hostile and wrong photos through a multipart endpoint built as an owner module would build it
/// (<see cref="MediaTestHost.UploadPath"/>): each refused with its status and code, nothing stored.
/// </summary>
public abstract class MediaUploadTests(JiexinApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpResponseMessage Response, Guid Owner)> UploadAsync(params (string FileName, string ContentType, byte[] Bytes)[] files)
    {
        var owner = Guid.NewGuid();
        using var client = app.Anonymous();
        using var form = new MultipartFormDataContent();
        foreach (var (fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType); // what the client claims: never trusted
            form.Add(part, "photos", fileName);
        }

        return (await client.PostAsync($"{MediaTestHost.UploadPath}?owner={owner}", form, Ct), owner);
    }

    private Task<int> RowsOfAsync(Guid owner) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().CountAsync(m => m.OwnerKind == MediaTestHost.Kind && m.OwnerId == owner, Ct));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [Fact]
    public async Task Jpeg_png_and_webp_are_stored_as_jpeg_and_committed_with_the_callers_save()
    {
        var (response, owner) = await UploadAsync(
            ("a.jpg", "image/jpeg", MediaTestHost.Jpeg(400, 300)),
            ("b.png", "image/png", Encode(SkiaSharp.SKEncodedImageFormat.Png)),
            ("c.webp", "image/webp", Encode(SkiaSharp.SKEncodedImageFormat.Webp)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refs = await response.Content.ReadFromJsonAsync<List<MediaRef>>(Ct);
        Assert.Equal(3, refs!.Count);
        Assert.Equal(3, await RowsOfAsync(owner));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<JiexinDbContext>().Set<MediaFile>().Where(m => m.OwnerId == owner).ToListAsync(Ct));
        Assert.All(stored, m => Assert.Equal("image/jpeg", m.ContentType));
        var storage = app.Services.GetRequiredService<MediaStorage>();
        Assert.All(stored, m => Assert.Equal(ImageFormat.Jpeg, ImageHeader.Read(File.ReadAllBytes(storage.PathOf(m.StorageKey, MediaVariant.Photo))).Format));
    }

    private static byte[] Encode(SkiaSharp.SKEncodedImageFormat format)
    {
        using var bitmap = new SkiaSharp.SKBitmap(120, 80);
        bitmap.Erase(SkiaSharp.SKColors.ForestGreen);
        using var data = bitmap.Encode(format, 90);
        return data!.ToArray();
    }

    public static TheoryData<string, string, byte[], HttpStatusCode, string> Refused => new()
    {
        { "动画.gif", "image/gif", [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B], HttpStatusCode.UnsupportedMediaType, "unsupported_type" },
        { "扫描.bmp", "image/bmp", [.. "BM"u8, .. new byte[60]], HttpStatusCode.UnsupportedMediaType, "unsupported_type" },
        { "图标.svg", "image/svg+xml", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), HttpStatusCode.UnsupportedMediaType, "unsupported_type" },
        { "照片.jpg", "image/jpeg", Encoding.UTF8.GetBytes("只是文字，不是照片"), HttpStatusCode.UnsupportedMediaType, "unsupported_type" },
        { "page.jpg", "image/jpeg", Encoding.UTF8.GetBytes("<!DOCTYPE html><script>alert(document.cookie)</script>"), HttpStatusCode.UnsupportedMediaType, "unsupported_type" },
        { "坏的.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 37))], HttpStatusCode.BadRequest, "corrupt" },
        { "空.jpg", "image/jpeg", [], HttpStatusCode.BadRequest, "empty" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_wrong_or_disguised_file_is_refused_with_its_code_naming_the_file_and_nothing_is_stored(
        string fileName, string claimedType, byte[] bytes, HttpStatusCode status, string code)
    {
        var (response, owner) = await UploadAsync(("ok.jpg", "image/jpeg", MediaTestHost.Jpeg(100, 80)), (fileName, claimedType, bytes));

        var problem = await ProblemAsync(response, status, code);
        var file = problem.GetProperty("files").EnumerateArray().Single();
        Assert.Equal((1, fileName), (file.GetProperty("index").GetInt32(), file.GetProperty("fileName").GetString()));
        Assert.StartsWith(fileName + "：", problem.GetProperty("errors").GetProperty("photos")[0].GetString());
        Assert.Equal(0, await RowsOfAsync(owner));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header()
    {
        // 10^10 pixels: decoding it would exhaust memory; the refusal code shows the header check stopped it
        // first (no timing assertion: speed is for benchmarks, and CI machines are loaded).
        var bomb = PngClaiming(100_000, 100_000);

        var (response, owner) = await UploadAsync(("bomb.png", "image/png", bomb));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "too_many_pixels");
        Assert.Equal(0, await RowsOfAsync(owner));
    }

    [Fact]
    public async Task An_over_limit_file_is_413_and_too_many_files_400()
    {
        app.RequireAvailable();
        var limit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.MaxBytes;

        var (tooLarge, owner) = await UploadAsync(("大.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, .. new byte[limit]]));
        var (tooMany, _) = await UploadAsync(Enumerable.Range(1, 4).Select(i => ($"{i}.jpg", "image/jpeg", MediaTestHost.Jpeg(20, 20))).ToArray());

        await ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "too_large");
        await ProblemAsync(tooMany, HttpStatusCode.BadRequest, "too_many_files");
        Assert.Equal(0, await RowsOfAsync(owner));
    }

    [Fact]
    public async Task Different_refusals_together_are_400_listing_each_file()
    {
        var (response, _) = await UploadAsync(
            ("a.gif", "image/gif", "GIF89a......"u8.ToArray()),
            ("b.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xD9]),
            ("c.jpg", "image/jpeg", MediaTestHost.Jpeg(20, 20)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid_photos");
        Assert.Equal(
            ["unsupported_type", "corrupt"],
            problem.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    /// <summary>PNG signature and an IHDR claiming the size (CRC not checked: the header alone must be refused).</summary>
    private static byte[] PngClaiming(int width, int height)
    {
        var bytes = new byte[8 + 25 + 12];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8;
        bytes[25] = 6;
        "IEND"u8.CopyTo(bytes.AsSpan(8 + 25 + 4));
        return bytes;
    }
}

public sealed class MediaUploadTests_Sqlite(MediaSqliteApp app) : MediaUploadTests(app), IClassFixture<MediaSqliteApp>;

public sealed class MediaUploadTests_Postgres(MediaPostgresApp app) : MediaUploadTests(app), IClassFixture<MediaPostgresApp>;
