namespace Portal.Web.Features.Profiles.Photos;

/// <summary>Recognises formats from the leading bytes of the content, the only thing an uploader cannot mislabel.</summary>
internal static class PhotoSignature
{
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> JpegXlCodestream => [0xFF, 0x0A];

    private static ReadOnlySpan<byte> JpegXlContainer => [0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> Jpeg2000Container => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> Jpeg2000Codestream => [0xFF, 0x4F, 0xFF, 0x51];

    private static ReadOnlySpan<byte> Icon => [0x00, 0x00, 0x01, 0x00];

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    /// <summary>The accepted format the content starts with, or null.</summary>
    public static PhotoFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Jpeg))
        {
            return PhotoFormat.Jpeg;
        }

        if (content.StartsWith(PngChunks.Signature))
        {
            return PhotoFormat.Png;
        }

        return WebPChunks.HasSignature(content) ? PhotoFormat.WebP : null;
    }

    /// <summary>Whether the content starts like an image in a format profile photos do not accept.</summary>
    public static bool IsOtherImage(ReadOnlySpan<byte> content) =>
        content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)
        || IsBitmap(content)
        || content.StartsWith("II*\0"u8) || content.StartsWith("MM\0*"u8)
        || content.StartsWith(Icon)
        || IsHeif(content)
        || content.StartsWith(JpegXlCodestream) || content.StartsWith(JpegXlContainer)
        || content.StartsWith(Jpeg2000Container) || content.StartsWith(Jpeg2000Codestream)
        || IsSvg(content);

    // "BM" alone is too common a start for text; a bitmap's header also has four reserved zero bytes.
    private static bool IsBitmap(ReadOnlySpan<byte> content) =>
        content.Length >= 26 && content.StartsWith("BM"u8) && content.Slice(6, 4).IndexOfAnyExcept((byte)0) < 0;

    private static bool IsHeif(ReadOnlySpan<byte> content)
    {
        if (content.Length < 12 || !content.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var brand = System.Text.Encoding.Latin1.GetString(content.Slice(8, 4));
        return Array.IndexOf(HeifBrands, brand) >= 0;
    }

    private static bool IsSvg(ReadOnlySpan<byte> content)
    {
        var start = content[..Math.Min(content.Length, 1024)];
        return start.TrimStart(" \t\r\n\uFEFF"u8).StartsWith("<"u8) && start.IndexOf("<svg"u8) >= 0;
    }
}
