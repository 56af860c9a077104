using Jiexin.Platform.Media;

namespace Jiexin.UnitTests.Platform.Media;

public sealed class ImageHeaderTests
{
    [Fact]
    public void Jpeg_dimensions_come_from_the_frame_header_past_an_exif_segment()
    {
        var header = ImageHeader.Read(TestImages.JpegWithExif(321, 123, orientation: 6));

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 321, 123, false), header);
    }

    [Fact]
    public void Png_dimensions_come_from_IHDR()
    {
        Assert.Equal(new ImageHeader(ImageFormat.Png, 77, 55, false), ImageHeader.Read(TestImages.Png(77, 55)));
        Assert.Equal(new ImageHeader(ImageFormat.Png, 100_000, 100_000, false), ImageHeader.Read(TestImages.PngClaiming(100_000, 100_000)));
    }

    [Theory]
    [InlineData(false, false)] // VP8
    [InlineData(true, false)]  // VP8L
    [InlineData(false, true)]  // VP8X + ALPH
    public void Webp_dimensions_come_from_each_kind_of_first_chunk(bool lossless, bool alpha)
    {
        var header = ImageHeader.Read(TestImages.Webp(130, 70, lossless, alpha));

        Assert.Equal(new ImageHeader(ImageFormat.Webp, 130, 70, false), header);
    }

    public static TheoryData<string, byte[]> NotOurFormats => new()
    {
        { "gif", TestImages.Gif },
        { "bmp", TestImages.Bmp },
        { "svg", TestImages.Svg },
        { "html", TestImages.Html },
        { "text", TestImages.Text },
        { "empty", [] },
        { "two bytes of a jpeg", [0xFF, 0xD8] },
    };

    [Theory]
    [MemberData(nameof(NotOurFormats))]
    public void Other_formats_are_unknown_whatever_they_are_called(string what, byte[] bytes)
    {
        Assert.Equal(ImageFormat.Unknown, ImageHeader.Read(bytes).Format);
        Assert.NotNull(what);
    }

    [Fact]
    public void A_jpeg_without_a_frame_header_is_malformed()
    {
        var header = ImageHeader.Read(TestImages.JpegHeaderThenGarbage());

        Assert.Equal(ImageFormat.Jpeg, header.Format);
        Assert.True(header.IsMalformed);
    }

    [Fact]
    public void A_png_cut_inside_its_header_is_malformed()
    {
        var header = ImageHeader.Read(TestImages.Png()[..20]);

        Assert.Equal(new ImageHeader(ImageFormat.Png, 0, 0, true), header);
    }

    [Fact]
    public void A_webp_whose_riff_size_runs_past_the_end_is_malformed()
    {
        var webp = TestImages.Webp();

        Assert.True(ImageHeader.Read(webp[..(webp.Length / 2)]).IsMalformed);
    }

    [Fact]
    public void A_jpeg_with_more_scans_than_any_encoder_writes_is_malformed()
    {
        // SOI, SOF0 (1×1, one component), then 101 empty-ish scans: a CPU bomb shape.
        List<byte> jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0];
        for (var i = 0; i <= ImageHeader.MaxJpegScans; i++)
        {
            jpeg.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x55]);
        }

        jpeg.AddRange([0xFF, 0xD9]);

        Assert.True(ImageHeader.Read(jpeg.ToArray()).IsMalformed);
        Assert.False(ImageHeader.Read(jpeg.Take(15 + 11 * 10).Concat([(byte)0xFF, (byte)0xD9]).ToArray()).IsMalformed);
    }
}
