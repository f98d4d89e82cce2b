using System.Buffers;
using System.Collections.Frozen;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Rewrites a PNG keeping only the chunks that shape how it looks: the critical ones, transparency, colour space, physical
/// size and animation (APNG). Everything else goes, which covers the chunks that carry metadata — text (tEXt, zTXt, iTXt),
/// EXIF (eXIf), the modification time (tIME) — and private ones such as C2PA provenance. Bytes after IEND go too.
/// </summary>
internal static class PngMetadataStripper
{
    private static readonly FrozenSet<string> KeptChunks = new[]
    {
        "IHDR", "PLTE", "IDAT", "IEND",
        "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCV", "cLLI", "bKGD", "pHYs",
        "acTL", "fcTL", "fdAT",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The PNG without its metadata; throws <see cref="InvalidDataException"/> if its chunk structure is broken.</summary>
    public static byte[] Strip(ReadOnlySpan<byte> png)
    {
        var chunks = PngChunks.Read(png)
            ?? throw new InvalidDataException("The PNG's chunks are broken; inspect it with ProfilePhotoInspector first.");
        var output = new ArrayBufferWriter<byte>(png.Length);
        output.Write(PngChunks.Signature);
        foreach (var chunk in chunks)
        {
            if (KeptChunks.Contains(chunk.Type))
            {
                output.Write(png[chunk.Offset..chunk.End]);
            }
        }

        return output.WrittenSpan.ToArray();
    }
}
