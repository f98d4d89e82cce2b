using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

/// <summary>
/// Real images encoded by SkiaSharp: blue with a red block in the top-left corner, so where that corner ends up after
/// decoding shows how the picture was turned.
/// </summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width, int height, SKColorSpace? colourSpace = null) =>
        Encode(width, height, SKColors.Blue, colourSpace, pixmap => pixmap.Encode(new SKJpegEncoderOptions(90)));

    public static byte[] Png(int width, int height, SKColorSpace? colourSpace = null, SKColor? background = null) =>
        Encode(width, height, background ?? SKColors.Blue, colourSpace, pixmap => pixmap.Encode(SKPngEncoderOptions.Default));

    /// <summary>A lossy WebP in its simple form: one VP8 chunk and nothing else.</summary>
    public static byte[] WebP(int width, int height, SKColor? background = null) =>
        Encode(width, height, background ?? SKColors.Blue, colourSpace: null,
            pixmap => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 90)));

    /// <summary>A PNG with a transparent background around the red block, like most logos.</summary>
    public static byte[] TransparentPng(int width, int height) =>
        Encode(width, height, SKColors.Transparent, colourSpace: null, pixmap => pixmap.Encode(SKPngEncoderOptions.Default));

    private static byte[] Encode(int width, int height, SKColor background, SKColorSpace? colourSpace, Func<SKPixmap, SKData?> encode)
    {
        var opaque = background.Alpha == 255;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888,
            opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, colourSpace));
        using (var canvas = new SKCanvas(bitmap))
        using (var red = new SKPaint { Color = SKColors.Red })
        {
            canvas.Clear(background);
            canvas.DrawRect(0, 0, width / 4f, height / 4f, red);
        }

        using var pixmap = bitmap.PeekPixels();
        using var data = encode(pixmap) ?? throw new InvalidOperationException("SkiaSharp could not encode the test image.");
        return data.ToArray();
    }
}
