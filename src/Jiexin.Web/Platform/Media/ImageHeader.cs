using System.Buffers.Binary;

namespace Jiexin.Platform.Media;

/// <summary>The three formats we accept, recognised by their magic bytes (never by file name or client content type).</summary>
public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    Webp,
}

/// <summary>What the header of an upload says, read in managed code before any byte reaches a native decoder.</summary>
/// <param name="Format"><see cref="ImageFormat.Unknown"/> when the magic bytes are not JPEG, PNG or WebP.</param>
/// <param name="Width">Pixels, as the header claims; 0 when <see cref="IsMalformed"/>.</param>
/// <param name="Height">Pixels, as the header claims; 0 when <see cref="IsMalformed"/>.</param>
/// <param name="IsMalformed">The magic bytes match but the structure does not (truncated header, no frame, absurd values).</param>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, bool IsMalformed)
{
    /// <summary>
    /// More scans than any camera or encoder writes (progressive JPEGs use about 10). A crafted file with thousands of
    /// tiny scans makes the decoder redo its work per scan: a CPU bomb in a few megabytes.
    /// </summary>
    public const int MaxJpegScans = 100;

    /// <summary>89 'PNG' CR LF SUB LF (not a u8 literal: "\x89" there would be UTF-8 for U+0089, two bytes).</summary>
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public long PixelCount => (long)Width * Height;

    private static ImageHeader Malformed(ImageFormat format) => new(format, 0, 0, IsMalformed: true);

    /// <summary>Sniffs the format and reads the dimensions. Linear in the input, allocates nothing.</summary>
    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        if (data.StartsWith(PngSignature))
        {
            return ReadPng(data);
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebp(data);
        }

        return new ImageHeader(ImageFormat.Unknown, 0, 0, IsMalformed: false);
    }

    /// <summary>PNG: the first chunk must be IHDR (13 bytes) with width and height as big-endian 31-bit integers.</summary>
    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 33
            || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13
            || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return Malformed(ImageFormat.Png);
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        return width is 0 or > int.MaxValue || height is 0 or > int.MaxValue
            ? Malformed(ImageFormat.Png)
            : new ImageHeader(ImageFormat.Png, (int)width, (int)height, false);
    }

    /// <summary>
    /// JPEG: walks the marker segments to the first SOFn frame header (height, width), then on through every scan to
    /// count them, skipping entropy-coded data up to the next real marker.
    /// </summary>
    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        int width = 0, height = 0, scans = 0;
        var pos = 2;
        while (pos < data.Length)
        {
            // Extraneous bytes before a marker: libjpeg skips them with a warning, and so do we.
            while (pos < data.Length && data[pos] != 0xFF)
            {
                pos++;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++; // fill bytes
            }

            if (pos >= data.Length)
            {
                break;
            }

            var marker = data[pos++];
            if (marker == 0xD9)
            {
                break; // EOI
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // TEM and RSTn stand alone
            }

            if (marker is 0xD8 or 0x00 || pos + 2 > data.Length)
            {
                return Malformed(ImageFormat.Jpeg);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                return Malformed(ImageFormat.Jpeg);
            }

            if (IsStartOfFrame(marker) && width == 0)
            {
                if (length < 8)
                {
                    return Malformed(ImageFormat.Jpeg);
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 3)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                if (width == 0 || height == 0)
                {
                    return Malformed(ImageFormat.Jpeg); // height 0 means "see DNL": no decoder we use supports it
                }
            }

            pos += length;
            if (marker == 0xDA) // SOS: entropy-coded data follows until the next marker that is not RSTn or a stuffed 0xFF00
            {
                if (width == 0 || ++scans > MaxJpegScans)
                {
                    return Malformed(ImageFormat.Jpeg);
                }

                while (pos + 1 < data.Length && !(data[pos] == 0xFF && data[pos + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7) and not 0xFF))
                {
                    pos++;
                }

                if (pos + 1 >= data.Length)
                {
                    break; // truncated in the scan: the decoder will say whether it can live with that
                }
            }
        }

        return width == 0 ? Malformed(ImageFormat.Jpeg) : new ImageHeader(ImageFormat.Jpeg, width, height, false);
    }

    /// <summary>SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>WebP: RIFF container; the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size).</summary>
    private static ImageHeader ReadWebp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return Malformed(ImageFormat.Webp);
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < 22 || riffSize + 8L > data.Length)
        {
            return Malformed(ImageFormat.Webp); // truncated
        }

        var chunk = data[12..16];
        int width, height;
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes, key frame when bit 0 is clear), start code 9D 01 2A, then 14-bit width and height.
            if ((data[20] & 1) != 0 || data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                return Malformed(ImageFormat.Webp);
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F)
            {
                return Malformed(ImageFormat.Webp);
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            width = (data[24] | data[25] << 8 | data[26] << 16) + 1;
            height = (data[27] | data[28] << 8 | data[29] << 16) + 1;
        }
        else
        {
            return Malformed(ImageFormat.Webp);
        }

        return width == 0 || height == 0 ? Malformed(ImageFormat.Webp) : new ImageHeader(ImageFormat.Webp, width, height, false);
    }
}
