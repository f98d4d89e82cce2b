using SkiaSharp;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Turns an uploaded profile photo or logo into what is stored: a new WebP drawn from its decoded pixels. The format is
/// recognised from the content's own signature (never a file name or a declared content type); the size is read from the
/// header and checked before any pixel is decoded, so a small file declaring a huge picture is refused without filling
/// memory. Nothing of the upload but its pixels reaches the output — no EXIF (GPS position, camera, dates), XMP, colour
/// profile, text chunk, trailing bytes or further animation frames — because the output is encoded anew rather than edited.
/// </summary>
internal static class PhotoReencoder
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MinDimension = 32;
    public const int MaxSide = 10_000;
    public const long MaxPixels = 40_000_000;

    /// <summary>Photos show at 96 CSS pixels and logos at 192: 512 stays sharp on high-density screens.</summary>
    public const int LongestSide = 512;

    /// <summary>
    /// WebP keeps a logo's transparency (JPEG has none) and is smaller than JPEG at the same quality; every browser Portal
    /// supports shows it.
    /// </summary>
    public const string ContentType = "image/webp";

    private const float Quality = 85;

    // A decode may hold a full-size bitmap (160 MB at the pixel limit), so each instance decodes two uploads at a time.
    private static readonly SemaphoreSlim Decoders = new(2);

    public static async Task<PhotoCheck> ReencodeAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await Decoders.WaitAsync(cancellationToken);
        try
        {
            return Reencode(content.Span);
        }
        finally
        {
            Decoders.Release();
        }
    }

    public static PhotoCheck Reencode(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return PhotoCheck.Rejected(PhotoProblem.Empty);
        }

        if (content.Length > MaxBytes)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooLarge);
        }

        var signature = Signature(content);
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (signature is null)
        {
            return PhotoCheck.Rejected(codec is null ? PhotoProblem.NotAnImage : PhotoProblem.UnsupportedFormat);
        }

        if (codec is null || codec.EncodedFormat != signature)
        {
            return PhotoCheck.Rejected(PhotoProblem.Corrupt);
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooLargeDimensions);
        }

        if (width < MinDimension || height < MinDimension)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooSmall);
        }

        using var pixels = Decode(codec);
        var photo = pixels is null ? null : DrawUpright(pixels, codec.EncodedOrigin);
        return photo is null ? PhotoCheck.Rejected(PhotoProblem.Corrupt) : PhotoCheck.Accepted(photo);
    }

    /// <summary>The accepted format the content starts with, or null.</summary>
    private static SKEncodedImageFormat? Signature(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return SKEncodedImageFormat.Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SKEncodedImageFormat.Png;
        }

        return content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8)
            ? SKEncodedImageFormat.Webp
            : null;
    }

    /// <summary>
    /// The first frame, converted to sRGB from any embedded colour profile (which is not kept), and decoded at a reduced scale
    /// where the format allows it (JPEG, WebP) so a large photo never needs its full-size bitmap. Null unless it decodes whole.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec)
    {
        var full = codec.Info.Size;
        var longest = Math.Max(full.Width, full.Height);
        var size = codec.GetScaledDimensions(Math.Min(1f, (float)LongestSide / longest));
        if (Math.Max(size.Width, size.Height) < Math.Min(LongestSide, longest))
        {
            size = full;
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap();
        if (bitmap.TryAllocPixels(info) && codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    private static ReencodedPhoto? DrawUpright(SKBitmap pixels, SKEncodedOrigin origin)
    {
        var (width, height) = ImageOrientation.SwapsSides(origin) ? (pixels.Height, pixels.Width) : (pixels.Width, pixels.Height);
        var scale = Math.Min(1f, (float)LongestSide / Math.Max(width, height));
        var outputWidth = Math.Max(1, (int)MathF.Round(width * scale));
        var outputHeight = Math.Max(1, (int)MathF.Round(height * scale));

        // No colour space: the pixels are already sRGB, and an encoder given one writes it out as an ICC profile.
        using var output = new SKBitmap(new SKImageInfo(outputWidth, outputHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(output))
        using (var image = SKImage.FromBitmap(pixels))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale((float)outputWidth / width, (float)outputHeight / height);
            var upright = ImageOrientation.Upright(origin, pixels.Width, pixels.Height);
            canvas.Concat(in upright);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var pixmap = output.PeekPixels();
        using var encoded = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, Quality));
        return encoded is null ? null : new ReencodedPhoto(outputWidth, outputHeight, encoded.ToArray());
    }
}
