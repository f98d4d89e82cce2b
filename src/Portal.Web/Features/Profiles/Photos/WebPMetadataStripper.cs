using System.Buffers;
using System.Buffers.Binary;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Rewrites a WebP without metadata. A simple file (a lone VP8 or VP8L chunk) cannot hold any: only that chunk is kept.
/// An extended (VP8X) file keeps the chunks that make up the picture — VP8X, ICCP, ANIM, ANMF, ALPH, VP8, VP8L — and loses
/// EXIF, XMP and unknown chunks; the VP8X flags for EXIF and XMP are cleared and the RIFF size is set to the new length.
/// Bytes after the RIFF's declared end are dropped.
/// </summary>
internal static class WebPMetadataStripper
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;
    private const int ExtendedFlagsOffset = WebPChunks.HeaderLength + 8;

    private static ReadOnlySpan<byte> PadByte => [0x00];

    private static readonly string[] KeptChunks = ["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L"];

    /// <summary>The WebP without its metadata; throws <see cref="InvalidDataException"/> if its container is broken.</summary>
    public static byte[] Strip(ReadOnlySpan<byte> webp)
    {
        var chunks = WebPChunks.Read(webp)
            ?? throw new InvalidDataException("The WebP's chunks are broken; inspect it with ProfilePhotoInspector first.");
        var extended = chunks[0].FourCc == "VP8X";
        var output = new ArrayBufferWriter<byte>(webp.Length);
        output.Write(webp[..WebPChunks.HeaderLength]);
        foreach (var chunk in extended ? chunks.Where(c => Array.IndexOf(KeptChunks, c.FourCc) >= 0) : chunks.Take(1))
        {
            output.Write(webp[chunk.Offset..chunk.Data.End]);
            if (chunk.DataLength % 2 == 1)
            {
                output.Write(PadByte);
            }
        }

        var bytes = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        if (extended)
        {
            bytes[ExtendedFlagsOffset] &= unchecked((byte)~(ExifFlag | XmpFlag));
        }

        return bytes;
    }
}
