using SkiaSharp;

namespace Jiexin.EndToEndTests;

/// <summary>Real images for upload tests: the app re-encodes what it receives, so it must be a decodable picture.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width = 640, int height = 480)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SeaGreen);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 4f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
