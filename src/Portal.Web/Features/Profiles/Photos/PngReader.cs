using System.Buffers.Binary;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>Reads a PNG's dimensions from its IHDR chunk, checking the chunk structure on the way.</summary>
internal static class PngReader
{
    private static readonly string[] CriticalChunks = ["IHDR", "PLTE", "IDAT", "IEND"];

    /// <summary>
    /// The size in IHDR, or null when the chunk structure is broken, IHDR is not the first chunk or is invalid, there is no
    /// image data (or no palette for a palette image), or there is a critical chunk that decoders do not know.
    /// </summary>
    public static PixelSize? ReadSize(ReadOnlySpan<byte> png)
    {
        var chunks = PngChunks.Read(png);
        if (chunks is null || chunks[0].Type != "IHDR" || chunks[0].DataLength != 13
            || !chunks.Exists(c => c.Type == "IDAT")
            || chunks.Exists(c => PngChunks.IsCritical(c.Type) && Array.IndexOf(CriticalChunks, c.Type) < 0))
        {
            return null;
        }

        // Width (4), height (4), bit depth, colour type, compression method, filter method, interlace method.
        var header = png[chunks[0].Data];
        var width = BinaryPrimitives.ReadUInt32BigEndian(header);
        var height = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var isPalette = header[9] == 3;
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue
            || !IsValidColour(header[8], header[9]) || header[10] != 0 || header[11] != 0 || header[12] > 1
            || (isPalette && !chunks.Exists(c => c.Type == "PLTE")))
        {
            return null;
        }

        return new PixelSize((int)width, (int)height);
    }

    private static bool IsValidColour(byte bitDepth, byte colourType) => colourType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16, // grey
        3 => bitDepth is 1 or 2 or 4 or 8, // palette
        2 or 4 or 6 => bitDepth is 8 or 16, // RGB, grey + alpha, RGBA
        _ => false,
    };
}
