using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Jiexin.UnitTests.Platform.Media;

/// <summary>Images made in code (Skia for real encodings, a few hand-made bytes for what Skia cannot write).</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(220, 20, 20);
    public static readonly SKColor Blue = new(20, 20, 220);
    public static readonly SKColor Green = new(20, 200, 20);
    public static readonly SKColor Yellow = new(240, 220, 20);

    /// <summary>Four flat quadrants: top-left red, top-right blue, bottom-left green, bottom-right yellow.</summary>
    public static SKBitmap Quadrants(int width, int height, bool transparentCentre = false)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint();
        void Fill(SKColor c, float x, float y) { paint.Color = c; canvas.DrawRect(x, y, width / 2f, height / 2f, paint); }
        Fill(Red, 0, 0);
        Fill(Blue, width / 2f, 0);
        Fill(Green, 0, height / 2f);
        Fill(Yellow, width / 2f, height / 2f);
        if (transparentCentre)
        {
            paint.Color = SKColors.Transparent;
            paint.BlendMode = SKBlendMode.Src;
            canvas.DrawRect(width * 0.4f, height * 0.4f, width * 0.2f, height * 0.2f, paint);
        }

        return bitmap;
    }

    public static byte[] Jpeg(int width = 200, int height = 100, int quality = 90)
    {
        using var bitmap = Quadrants(width, height);
        using var data = bitmap.PeekPixels().Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore));
        return data!.ToArray();
    }

    public static byte[] Png(int width = 200, int height = 100, bool transparentCentre = false)
    {
        using var bitmap = Quadrants(width, height, transparentCentre);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data!.ToArray();
    }

    public static byte[] Webp(int width = 200, int height = 100, bool lossless = false, bool transparentCentre = false)
    {
        using var bitmap = Quadrants(width, height, transparentCentre);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(lossless ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, 90));
        return data!.ToArray();
    }

    /// <summary>A JPEG whose APP1 Exif segment (right after SOI, as cameras write it) carries an orientation and a GPS position.</summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation, bool withGps = true)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment(orientation, withGps);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>FF E1, length, "Exif\0\0", then a big-endian TIFF: IFD0 (Orientation, GPS IFD pointer), GPS IFD (31°26'N 119°48'E).</summary>
    public static byte[] ExifSegment(ushort orientation, bool withGps)
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(long v) { U16((int)(v >> 16)); U16((int)(v & 0xFFFF)); }
        void Entry(int tag, int type, int count, long valueOrOffset, bool shortValue = false)
        {
            U16(tag); U16(type); U32(count);
            if (shortValue) { U16((int)valueOrOffset); U16(0); } else { U32(valueOrOffset); }
        }

        tiff.AddRange("MM"u8.ToArray());
        U16(42);
        U32(8);
        var ifd0Entries = withGps ? 2 : 1;
        var gpsIfdOffset = 8 + 2 + ifd0Entries * 12 + 4;
        U16(ifd0Entries);
        Entry(0x0112, 3, 1, orientation, shortValue: true);
        if (withGps)
        {
            Entry(0x8825, 4, 1, gpsIfdOffset);
        }

        U32(0);
        if (withGps)
        {
            var gpsDataOffset = gpsIfdOffset + 2 + 4 * 12 + 4;
            U16(4);
            Entry(0x0001, 2, 2, 0x4E000000); // "N\0"
            Entry(0x0002, 5, 3, gpsDataOffset);
            Entry(0x0003, 2, 2, 0x45000000); // "E\0"
            Entry(0x0004, 5, 3, gpsDataOffset + 24);
            U32(0);
            foreach (var value in new long[] { 31, 26, 0, 119, 48, 0 })
            {
                U32(value);
                U32(1);
            }
        }

        var body = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff).ToArray();
        var length = body.Length + 2;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. body];
    }

    /// <summary>A well-formed PNG whose IHDR claims <paramref name="width"/> × <paramref name="height"/>, with a small IDAT of zeros (the usual bomb).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(output, "IHDR", ihdr);
        using var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            z.Write(new byte[1024 * 1024]); // decompresses 1000-fold
        }

        Chunk(output, "IDAT", zlib.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(u32, data.Length);
        output.Write(u32);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(u32, Crc32(typeAndData));
        output.Write(u32);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A 1×1 GIF89a.</summary>
    public static readonly byte[] Gif =
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
        0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B,
    ];

    /// <summary>A 1×1 24-bit BMP.</summary>
    public static readonly byte[] Bmp =
    [
        .. "BM"u8, 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,
        40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0x13, 0x0B, 0, 0, 0x13, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0xFF, 0,
    ];

    public static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>""");

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

    public static readonly byte[] Text = Encoding.UTF8.GetBytes("这不是图片 / this is not a picture\n");

    /// <summary>SOI, a JFIF APP0, then noise: the magic bytes of a JPEG and nothing a decoder can use.</summary>
    public static byte[] JpegHeaderThenGarbage()
    {
        var noise = new byte[4096];
        new Random(42).NextBytes(noise);
        return [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, .. noise];
    }

    /// <summary>The markers of a JPEG up to its first scan (SOI excluded), e.g. to prove there is no APP1.</summary>
    public static List<byte> Markers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            pos += 2 + (jpeg[pos + 2] << 8 | jpeg[pos + 3]);
        }

        return markers;
    }

    /// <summary>The colour at a point of a decoded image.</summary>
    public static SKColor PixelAt(byte[] encoded, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return bitmap.GetPixel(x, y);
    }

    public static bool Near(SKColor actual, SKColor expected, int tolerance = 40) =>
        Math.Abs(actual.Red - expected.Red) <= tolerance
        && Math.Abs(actual.Green - expected.Green) <= tolerance
        && Math.Abs(actual.Blue - expected.Blue) <= tolerance;

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
