using System.Text;
using Jiexin.Platform.Media;
using SkiaSharp;

namespace Jiexin.UnitTests.Platform.Media;

public sealed class ImageProcessorTests
{
    private static readonly ImageProcessingLimits Limits = new(MaxPixels: 40_000_000, MaxLongEdge: 2560, ThumbnailLongEdge: 320, JpegQuality: 85);

    private static ProcessedImage Accept(byte[] bytes, ImageProcessingLimits? limits = null)
    {
        var (image, error) = ImageProcessor.Process(bytes, limits ?? Limits);
        Assert.Null(error);
        return image!;
    }

    private static MediaErrorCode Refuse(byte[] bytes, ImageProcessingLimits? limits = null)
    {
        var (image, error) = ImageProcessor.Process(bytes, limits ?? Limits);
        Assert.Null(image);
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error.Code;
    }

    [Fact]
    public void Exif_and_gps_are_gone_from_the_stored_jpeg()
    {
        var upload = TestImages.JpegWithExif(200, 100, orientation: 1, withGps: true);
        Assert.Contains((byte)0xE1, TestImages.Markers(upload)); // the test input really carries APP1 Exif

        var stored = Accept(upload);

        Assert.DoesNotContain((byte)0xE1, TestImages.Markers(stored.Jpeg));
        Assert.False(TestImages.Contains(stored.Jpeg, "Exif"u8));
        Assert.DoesNotContain((byte)0xE1, TestImages.Markers(stored.Thumbnail));
        Assert.Equal((ImageFormat.Jpeg, 200, 100), (ImageHeader.Read(stored.Jpeg).Format, stored.Width, stored.Height));
    }

    [Fact]
    public void Orientation_6_is_applied_turning_the_picture_90_degrees_clockwise()
    {
        // Stored 200×100 with quadrants red|blue over green|yellow, tagged "rotate 90° clockwise to view".
        var stored = Accept(TestImages.JpegWithExif(200, 100, orientation: 6));

        Assert.Equal((100, 200), (stored.Width, stored.Height));
        using var codec = SKCodec.Create(SKData.CreateCopy(stored.Jpeg));
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin); // nothing left for a viewer to rotate twice
        // Turned clockwise: the left column (red over green) becomes the top row, green on the left.
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 25, 50), TestImages.Green));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 75, 50), TestImages.Red));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 25, 150), TestImages.Yellow));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 75, 150), TestImages.Blue));
    }

    [Theory]
    [InlineData((ushort)3, 200, 100, "yellow", "green", "blue", "red")]   // 180°
    [InlineData((ushort)8, 100, 200, "blue", "yellow", "red", "green")]   // 90° counter-clockwise
    [InlineData((ushort)2, 200, 100, "blue", "red", "yellow", "green")]   // mirrored
    [InlineData((ushort)5, 100, 200, "red", "green", "blue", "yellow")]   // transposed
    public void Every_orientation_lands_upright(ushort orientation, int width, int height, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var stored = Accept(TestImages.JpegWithExif(200, 100, orientation));

        Assert.Equal((width, height), (stored.Width, stored.Height));
        var (qx, qy) = (width / 4, height / 4);
        Assert.Equal(topLeft, NameOf(TestImages.PixelAt(stored.Jpeg, qx, qy)));
        Assert.Equal(topRight, NameOf(TestImages.PixelAt(stored.Jpeg, 3 * qx, qy)));
        Assert.Equal(bottomLeft, NameOf(TestImages.PixelAt(stored.Jpeg, qx, 3 * qy)));
        Assert.Equal(bottomRight, NameOf(TestImages.PixelAt(stored.Jpeg, 3 * qx, 3 * qy)));
    }

    private static string NameOf(SKColor c) =>
        TestImages.Near(c, TestImages.Red) ? "red"
        : TestImages.Near(c, TestImages.Blue) ? "blue"
        : TestImages.Near(c, TestImages.Green) ? "green"
        : TestImages.Near(c, TestImages.Yellow) ? "yellow"
        : c.ToString();

    [Fact]
    public void Png_is_accepted_and_stored_as_jpeg_with_transparency_on_white()
    {
        var stored = Accept(TestImages.Png(200, 100, transparentCentre: true));

        Assert.Equal(ImageFormat.Png, stored.SourceFormat);
        Assert.Equal(ImageFormat.Jpeg, ImageHeader.Read(stored.Jpeg).Format);
        Assert.Equal((200, 100), (stored.Width, stored.Height));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 100, 50), SKColors.White, 10));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 20, 20), TestImages.Red));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Webp_is_accepted_and_stored_as_jpeg(bool lossless, bool alpha)
    {
        var stored = Accept(TestImages.Webp(200, 100, lossless, alpha));

        Assert.Equal(ImageFormat.Webp, stored.SourceFormat);
        Assert.Equal(ImageFormat.Jpeg, ImageHeader.Read(stored.Jpeg).Format);
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 150, 80), TestImages.Yellow));
    }

    [Fact]
    public void The_long_edge_is_capped_and_a_thumbnail_made_keeping_the_aspect_ratio()
    {
        var stored = Accept(TestImages.Jpeg(3000, 2000), Limits with { MaxLongEdge = 1200, ThumbnailLongEdge = 300 });

        Assert.Equal((1200, 800), (stored.Width, stored.Height));
        Assert.Equal((300, 200), (stored.ThumbnailWidth, stored.ThumbnailHeight));
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 300, 200, false), ImageHeader.Read(stored.Thumbnail));
        Assert.True(TestImages.Near(TestImages.PixelAt(stored.Jpeg, 900, 600), TestImages.Yellow));
    }

    [Fact]
    public void A_small_photo_is_never_enlarged()
    {
        var stored = Accept(TestImages.Png(40, 30));

        Assert.Equal((40, 30, 40, 30), (stored.Width, stored.Height, stored.ThumbnailWidth, stored.ThumbnailHeight));
    }

    [Fact]
    public void Anything_appended_after_the_image_is_not_carried_over()
    {
        // A "GIFAR"-style polyglot: a valid JPEG with an HTML payload after its end.
        var payload = Encoding.ASCII.GetBytes("<html><script>alert(document.cookie)</script></html>");
        var stored = Accept([.. TestImages.Jpeg(), .. payload]);

        Assert.False(TestImages.Contains(stored.Jpeg, "<script>"u8));
    }

    public static TheoryData<string, byte[], MediaErrorCode> Refused => new()
    {
        { "gif", TestImages.Gif, MediaErrorCode.UnsupportedType },
        { "bmp", TestImages.Bmp, MediaErrorCode.UnsupportedType },
        { "svg", TestImages.Svg, MediaErrorCode.UnsupportedType },
        { "text named .jpg", TestImages.Text, MediaErrorCode.UnsupportedType },
        { "html named .jpg", TestImages.Html, MediaErrorCode.UnsupportedType },
        { "jpeg header then garbage", TestImages.JpegHeaderThenGarbage(), MediaErrorCode.Corrupt },
        { "truncated jpeg", TestImages.Jpeg(400, 300)[..1500], MediaErrorCode.Corrupt },
        { "truncated png", TestImages.Png(400, 300)[..400], MediaErrorCode.Corrupt },
        { "empty", [], MediaErrorCode.Empty },
        { "png claiming 100000×100000", TestImages.PngClaiming(100_000, 100_000), MediaErrorCode.TooManyPixels },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hostile_or_wrong_input_is_refused_with_its_code(string what, byte[] bytes, MediaErrorCode expected)
    {
        Assert.True(expected == Refuse(bytes), what);
    }

    [Fact]
    public void A_jpeg_whose_scan_data_is_damaged_never_throws()
    {
        var jpeg = TestImages.Jpeg(400, 300);
        var sos = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var damaged = jpeg.ToArray();
        // Overwrite the scan header's component selectors and the start of the entropy data with noise.
        new Random(7).NextBytes(damaged.AsSpan(sos + 4, 400));

        var (image, error) = ImageProcessor.Process(damaged, Limits);

        Assert.True(image is not null || error?.Code == MediaErrorCode.Corrupt);
    }

    [Fact]
    public void A_header_that_disagrees_with_the_decoder_is_refused()
    {
        // The PNG's IHDR says 100×50, the decoder reads... the same IHDR; so instead swap in a WebP's magic over a PNG body.
        var png = TestImages.Png(100, 50);
        byte[] disguised = [.. "RIFF"u8, .. BitConverter.GetBytes(png.Length + 4), .. "WEBPVP8X"u8, .. png];

        Assert.Equal(MediaErrorCode.Corrupt, Refuse(disguised));
    }

    [Fact]
    public void A_pixel_bomb_is_refused_from_its_header_fast_and_without_allocating()
    {
        var bomb = TestImages.PngClaiming(100_000, 100_000);
        ImageProcessor.Process(TestImages.Gif, Limits); // warm up (JIT, statics)

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var (image, error) = ImageProcessor.Process(bomb, Limits);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Null(image);
        Assert.Equal(MediaErrorCode.TooManyPixels, error!.Code);
        Assert.Contains("100000×100000", error.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes"); // 10^10 pixels would be 40 GB
    }

    [Fact]
    public void The_pixel_budget_is_the_configured_one()
    {
        Assert.Equal(MediaErrorCode.TooManyPixels, Refuse(TestImages.Png(200, 100), Limits with { MaxPixels = 19_999 }));
        Accept(TestImages.Png(200, 100), Limits with { MaxPixels = 20_000 });
    }
}
