using System.Buffers.Binary;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>Reads a WebP's dimensions from its first chunk: a lossy (VP8) or lossless (VP8L) bitstream, or the extended header (VP8X).</summary>
internal static class WebPReader
{
    private const byte AnimationFlag = 0x02;

    /// <summary>The size, or null when the container or the header it is read from is broken, or an extended file has no image.</summary>
    public static PixelSize? ReadSize(ReadOnlySpan<byte> webp)
    {
        var chunks = WebPChunks.Read(webp);
        if (chunks is null)
        {
            return null;
        }

        var data = webp[chunks[0].Data];
        return chunks[0].FourCc switch
        {
            "VP8 " => ReadLossy(data),
            "VP8L" => ReadLossless(data),
            "VP8X" => ReadExtended(webp, chunks, data),
            _ => null,
        };
    }

    // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, then 14-bit width and height (2 scaling bits above).
    private static PixelSize? ReadLossy(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10 || (data[0] & 1) != 0 || !data.Slice(3, 3).SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF;
        var height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF;
        return width == 0 || height == 0 ? null : new PixelSize(width, height);
    }

    // Signature 2F, then 14 bits of width - 1, 14 bits of height - 1, 1 alpha bit and a 3-bit version that must be 0.
    private static PixelSize? ReadLossless(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5 || data[0] != 0x2F)
        {
            return null;
        }

        var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        return bits >> 29 != 0 ? null : new PixelSize((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
    }

    // Flags (1 byte), reserved (3), then 24 bits of canvas width - 1 and 24 bits of canvas height - 1. A still image must
    // have a bitstream of the canvas's size; an animation must have frames.
    private static PixelSize? ReadExtended(ReadOnlySpan<byte> webp, List<RiffChunk> chunks, ReadOnlySpan<byte> data)
    {
        if (data.Length < 10)
        {
            return null;
        }

        var canvas = new PixelSize(ReadUInt24(data[4..]) + 1, ReadUInt24(data[7..]) + 1);
        if ((data[0] & AnimationFlag) != 0)
        {
            return chunks.Exists(c => c.FourCc == "ANMF") ? canvas : null;
        }

        var image = chunks.Find(c => c.FourCc is "VP8 " or "VP8L");
        var bitstream = image.FourCc switch
        {
            "VP8 " => ReadLossy(webp[image.Data]),
            "VP8L" => ReadLossless(webp[image.Data]),
            _ => null,
        };
        return bitstream == canvas ? canvas : null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);
}
