using System.Security.Claims;
using System.Security.Cryptography;
using Jiexin.Data;
using Jiexin.Platform.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Jiexin.UnitTests.Platform.Media;

/// <summary>The store on a temporary folder (no database: the row is the caller's to save).</summary>
public sealed class MediaStoreTests : IDisposable
{
    private static readonly MediaOwner Owner = new("test-photo", Guid.NewGuid());
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jiexin-media-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 17, 8, 30, 0, TimeSpan.Zero));
    private readonly MediaOptions _options;
    private readonly IMediaStore _store;

    public MediaStoreTests()
    {
        _options = new MediaOptions { Directory = _dir, MaxBytes = 200_000 };
        var options = Options.Create(_options);
        _store = new MediaStore(options, new MediaStorage(options, new DatabaseOptions()), new MediaDecodeGate(options), _clock, NullLogger<MediaStore>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ClaimsPrincipal User(Guid id) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, "grid01")], "test"));

    [Fact]
    public async Task A_photo_is_written_under_its_month_with_a_thumbnail_and_described_by_its_row()
    {
        var userId = Guid.NewGuid();
        var result = await _store.SaveImageAsync(new MemoryStream(TestImages.JpegWithExif(640, 480, 6)), "C:\\DCIM\\井盖\u202E.jpg", Owner, User(userId), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        var media = result.Media;
        var photo = Path.Combine(_dir, "2026", "05", $"{media.Id}.jpg");
        var thumbnail = Path.Combine(_dir, "2026", "05", $"{media.Id}_thumb.jpg");
        Assert.True(File.Exists(photo));
        Assert.True(File.Exists(thumbnail));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
        var stored = await File.ReadAllBytesAsync(photo, TestContext.Current.CancellationToken);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored)), media.Sha256);
        Assert.Equal(stored.Length, media.ByteSize);
        Assert.Equal((480, 640, 240, 320), (media.Width, media.Height, media.ThumbnailWidth, media.ThumbnailHeight));
        Assert.Equal(("test-photo", Owner.Id, "image/jpeg"), (media.OwnerKind, media.OwnerId, media.ContentType));
        Assert.Equal("井盖.jpg", media.OriginalFileName);
        Assert.Equal(userId, media.UploadedBy);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, media.CreatedAt);
        Assert.Equal($"2026/05/{media.Id}", media.StorageKey);
        Assert.Equal(7, media.Id.Version); // time-ordered ids keep the primary key index append-only
    }

    [Fact]
    public async Task An_anonymous_upload_has_no_uploader()
    {
        var result = await _store.SaveImageAsync(new MemoryStream(TestImages.Png()), null, Owner, null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Null(result.Media.UploadedBy);
        Assert.Null(result.Media.OriginalFileName);
    }

    [Fact]
    public async Task An_over_limit_stream_is_refused_without_reading_it_all_even_when_it_hides_its_length()
    {
        var endless = new EndlessStream();

        var result = await _store.SaveImageAsync(endless, "big.jpg", Owner, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(MediaErrorCode.TooLarge, result.Error.Code);
        Assert.Equal("too_large", result.Error.MachineCode);
        Assert.Equal(413, result.Error.HttpStatus);
        Assert.Contains("195 KB", result.Error.Message);
        Assert.InRange(endless.Position, _options.MaxBytes + 1, _options.MaxBytes + 128 * 1024);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_stream_of_exactly_the_limit_is_read_whole()
    {
        var png = TestImages.Png();
        _options.MaxBytes = png.Length;

        var result = await _store.SaveImageAsync(new NonSeekable(png), "x.png", Owner, null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task A_refused_photo_leaves_no_file()
    {
        var result = await _store.SaveImageAsync(new MemoryStream(TestImages.JpegHeaderThenGarbage()), "x.jpg", Owner, null, TestContext.Current.CancellationToken);

        Assert.Equal(MediaErrorCode.Corrupt, result.Error!.Code);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Form_files_are_all_stored_or_none_and_each_refusal_names_its_file()
    {
        var files = new FormFileCollection
        {
            FormFile("photos", "ok-1.jpg", TestImages.Jpeg()),
            FormFile("photos", "动画.gif", TestImages.Gif),
            FormFile("photos", "ok-2.webp", TestImages.Webp()),
            FormFile("photos", "坏的.jpg", TestImages.JpegHeaderThenGarbage()),
        };

        var result = await _store.SaveFormFilesAsync(files, Owner, null, MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Saved);
        Assert.Equal(
            [(1, "动画.gif", MediaErrorCode.UnsupportedType), (3, "坏的.jpg", MediaErrorCode.Corrupt)],
            result.Errors.Select(e => (e.Index, e.FileName, e.Error.Code)));
        Assert.StartsWith("动画.gif：", result.Errors[0].Describe());
        // The two good photos written before the refusal were removed again.
        Assert.Empty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Form_files_within_the_limits_are_all_stored()
    {
        var files = new FormFileCollection { FormFile("photos", "a.jpg", TestImages.Jpeg()), FormFile("photos", "b.png", TestImages.Png()) };

        var result = await _store.SaveFormFilesAsync(files, Owner, null, MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["a.jpg", "b.png"], result.Saved.Select(m => m.OriginalFileName));
        Assert.Equal(4, Directory.EnumerateFiles(_dir, "*.jpg", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Too_many_files_or_too_many_bytes_are_refused_before_any_decoding()
    {
        var six = new FormFileCollection();
        for (var i = 0; i < 6; i++)
        {
            six.Add(FormFile("photos", $"{i}.jpg", TestImages.Gif)); // would be unsupported_type if it were decoded
        }

        var tooMany = await _store.SaveFormFilesAsync(six, Owner, null, MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);
        var oneTooBig = await _store.SaveFormFilesAsync(
            [FormFile("photos", "ok.gif", TestImages.Gif), FormFile("photos", "大图.jpg", new byte[_options.MaxBytes + 1])],
            Owner, null, MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);
        var totalTooBig = await _store.SaveFormFilesAsync(
            [FormFile("photos", "1.gif", new byte[150_000]), FormFile("photos", "2.gif", new byte[150_000])],
            Owner, null, MediaUploadLimits.From(_options) with { MaxTotalBytes = 250_000 }, TestContext.Current.CancellationToken);

        Assert.Equal((-1, MediaErrorCode.TooManyFiles), (tooMany.Errors.Single().Index, tooMany.Errors.Single().Error.Code));
        Assert.Equal((1, "大图.jpg", MediaErrorCode.TooLarge), (oneTooBig.Errors.Single().Index, oneTooBig.Errors.Single().FileName, oneTooBig.Errors.Single().Error.Code));
        Assert.Equal((-1, MediaErrorCode.TooLarge), (totalTooBig.Errors.Single().Index, totalTooBig.Errors.Single().Error.Code));
    }

    [Fact]
    public async Task Browser_files_are_stored_and_one_that_streams_past_its_announced_size_is_too_large()
    {
        var good = await _store.SaveBrowserFilesAsync([new BrowserFile("现场.webp", TestImages.Webp())], Owner, null,
            MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);
        var lying = await _store.SaveBrowserFilesAsync([new BrowserFile("骗人.jpg", new byte[_options.MaxBytes + 10], announcedSize: 1000)], Owner, null,
            MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);
        var announcedTooBig = await _store.SaveBrowserFilesAsync([new BrowserFile("大.jpg", TestImages.Jpeg(), announcedSize: _options.MaxBytes + 1)], Owner, null,
            MediaUploadLimits.From(_options), TestContext.Current.CancellationToken);

        Assert.Equal("现场.webp", good.Saved.Single().OriginalFileName);
        Assert.Equal((0, "骗人.jpg", MediaErrorCode.TooLarge), (lying.Errors.Single().Index, lying.Errors.Single().FileName, lying.Errors.Single().Error.Code));
        Assert.Equal(MediaErrorCode.TooLarge, announcedTooBig.Errors.Single().Error.Code);
        Assert.Equal(2, Directory.EnumerateFiles(_dir, "*.jpg", SearchOption.AllDirectories).Count()); // only the good one and its thumbnail
    }

    /// <summary>Behaves as Blazor's: OpenReadStream throws IOException once more than maxAllowedSize bytes are read.</summary>
    private sealed class BrowserFile(string name, byte[] content, long? announcedSize = null) : Microsoft.AspNetCore.Components.Forms.IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => announcedSize ?? content.Length;
        public string ContentType => "image/jpeg";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            Size > maxAllowedSize ? throw new IOException("Supplied file with size exceeds the maximum.") : new Capped(content, maxAllowedSize);

        private sealed class Capped(byte[] content, long max) : MemoryStream(content)
        {
            public override bool CanSeek => false;
            public override long Length => throw new NotSupportedException();

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var read = base.Read(buffer.Span);
                return Position > max ? throw new IOException("Supplied file exceeds the maximum.") : ValueTask.FromResult(read);
            }
        }
    }

    private static FormFile FormFile(string field, string name, byte[] content) =>
        new(new MemoryStream(content), 0, content.Length, field, name);

    /// <summary>A stream that never ends and cannot tell its length: a slow-loris or a lying client.</summary>
    private sealed class EndlessStream : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0xFF);
            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekable(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
