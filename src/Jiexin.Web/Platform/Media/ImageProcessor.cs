using SkiaSharp;

namespace Jiexin.Platform.Media;

/// <summary>A photo as we store it: re-encoded JPEG plus thumbnail, upright, no metadata.</summary>
public sealed record ProcessedImage(
    ImageFormat SourceFormat,
    byte[] Jpeg,
    int Width,
    int Height,
    byte[] Thumbnail,
    int ThumbnailWidth,
    int ThumbnailHeight);

/// <summary>Limits and output sizes for <see cref="ImageProcessor"/>.</summary>
public sealed record ImageProcessingLimits(long MaxPixels, int MaxLongEdge, int ThumbnailLongEdge, int JpegQuality)
{
    public static ImageProcessingLimits From(MediaOptions o) => new(o.MaxPixels, o.MaxLongEdge, o.ThumbnailLongEdge, o.JpegQuality);
}

/// <summary>
/// Turns untrusted bytes into a photo we are willing to store and serve. Order matters:
/// 1. magic bytes and header dimensions in managed code (<see cref="ImageHeader"/>): wrong types and pixel bombs are
///    refused before any native code sees the bytes;
/// 2. Skia's codec must agree with the header (format and size), else the file is crafted or damaged;
/// 3. decode (JPEGs at a reduced DCT scale when the output is smaller anyway), refuse anything short of a complete
///    decode, apply the EXIF orientation, cap the long edge, flatten transparency onto white;
/// 4. encode a fresh JPEG: EXIF, GPS, XMP, comments and anything appended to the file are simply not carried over.
/// Never throws for bad input: every decoder failure is <see cref="MediaErrorCode.Corrupt"/>.
/// </summary>
public static class ImageProcessor
{
    private static readonly SKSamplingOptions Downscale = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public static (ProcessedImage? Image, MediaError? Error) Process(ReadOnlySpan<byte> data, ImageProcessingLimits limits)
    {
        if (data.IsEmpty)
        {
            return (null, MediaError.Empty());
        }

        var header = ImageHeader.Read(data);
        if (header.Format == ImageFormat.Unknown)
        {
            return (null, MediaError.UnsupportedType());
        }

        if (header.IsMalformed)
        {
            return (null, MediaError.Corrupt());
        }

        if (header.PixelCount > limits.MaxPixels)
        {
            return (null, MediaError.TooManyPixels(header.Width, header.Height, limits.MaxPixels));
        }

        try
        {
            return Decode(data, header, limits);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // SkiaSharp reports some failures as exceptions (e.g. ArgumentException for an unusable image info).
            return (null, MediaError.Corrupt());
        }
    }

    private static (ProcessedImage?, MediaError?) Decode(ReadOnlySpan<byte> data, ImageHeader header, ImageProcessingLimits limits)
    {
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null
            || codec.EncodedFormat != ToSkia(header.Format)
            || codec.Info.Width != header.Width
            || codec.Info.Height != header.Height)
        {
            return (null, MediaError.Corrupt());
        }

        var origin = codec.EncodedOrigin;
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swapsAxes ? (header.Height, header.Width) : (header.Width, header.Height);
        var (outWidth, outHeight) = Fit(uprightWidth, uprightHeight, limits.MaxLongEdge);

        var decodeSize = DecodeSize(codec, Math.Max(outWidth, outHeight));
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(decodeInfo))
        {
            return (null, MediaError.TooManyPixels(header.Width, header.Height, limits.MaxPixels));
        }

        // Anything but a complete decode is refused: a half-grey photo is worse than none as evidence.
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return (null, MediaError.Corrupt());
        }

        decoded.SetImmutable();
        using var source = SKImage.FromBitmap(decoded);
        var (photo, photoImage) = Render(source, origin, outWidth, outHeight, limits.JpegQuality);
        using (photoImage)
        {
            var (thumbWidth, thumbHeight) = Fit(outWidth, outHeight, limits.ThumbnailLongEdge);
            var (thumbnail, thumbImage) = Render(photoImage, SKEncodedOrigin.TopLeft, thumbWidth, thumbHeight, limits.JpegQuality);
            thumbImage.Dispose();
            return (new ProcessedImage(header.Format, photo, outWidth, outHeight, thumbnail, thumbWidth, thumbHeight), null);
        }
    }

    /// <summary>Draws <paramref name="source"/> upright at the output size on white and encodes it as a baseline JPEG.</summary>
    private static (byte[] Jpeg, SKImage Image) Render(SKImage source, SKEncodedOrigin origin, int width, int height, int quality)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("Cannot allocate the output surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // transparent PNG/WebP areas become white, not JPEG's black
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swapsAxes ? (source.Height, source.Width) : (source.Width, source.Height);
        canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
        var orient = OrientationMatrix(origin, source.Width, source.Height);
        canvas.Concat(in orient);
        canvas.DrawImage(source, 0, 0, Downscale);
        canvas.Flush();

        var image = surface.Snapshot();
        using var pixmap = image.PeekPixels();
        using var jpeg = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("JPEG encoding failed.");
        return (jpeg.ToArray(), image);
    }

    /// <summary>
    /// Maps stored pixels (w × h) to upright pixels, per the EXIF orientation tag (TIFF 6.0 / EXIF 2.3 §4.6.4):
    /// e.g. RightTop (6) means row 0 is the right-hand side, so the picture turns 90° clockwise.
    /// </summary>
    internal static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),     // mirror horizontally
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1), // rotate 180°
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),   // mirror vertically
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),       // transpose
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),     // rotate 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1), // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),   // rotate 90° counter-clockwise
        _ => SKMatrix.Identity,
    };

    /// <summary>The size that fits <paramref name="maxLongEdge"/> keeping the aspect ratio; never enlarges.</summary>
    internal static (int Width, int Height) Fit(int width, int height, int maxLongEdge)
    {
        var longEdge = Math.Max(width, height);
        if (longEdge <= maxLongEdge)
        {
            return (width, height);
        }

        var scale = (double)maxLongEdge / longEdge;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>
    /// The smallest size the codec can decode to directly (libjpeg-turbo: n/8 scales) that is still at least the output's
    /// long edge, so a 48 MP JPEG never needs its 190 MB full-size bitmap. PNG decodes at full size only.
    /// </summary>
    private static SKSizeI DecodeSize(SKCodec codec, int outputLongEdge)
    {
        var full = codec.Info.Size;
        if (codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full;
        }

        for (var eighths = 1; eighths < 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(size.Width, size.Height) >= outputLongEdge)
            {
                return size;
            }
        }

        return full;
    }

    private static SKEncodedImageFormat ToSkia(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        ImageFormat.Png => SKEncodedImageFormat.Png,
        ImageFormat.Webp => SKEncodedImageFormat.Webp,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
