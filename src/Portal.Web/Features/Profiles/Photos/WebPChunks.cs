using System.Buffers.Binary;
using System.Text;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>A RIFF chunk: <see cref="Offset"/> is its FourCC; it spans the FourCC, size and data, plus a pad byte if the size is odd.</summary>
internal readonly record struct RiffChunk(string FourCc, int Offset, int DataLength)
{
    public Range Data => (Offset + 8)..(Offset + 8 + DataLength);
}

/// <summary>Reads the RIFF container of a WebP file.</summary>
internal static class WebPChunks
{
    public const int HeaderLength = 12;

    /// <summary>Whether the content starts "RIFF", a size, then "WEBP".</summary>
    public static bool HasSignature(ReadOnlySpan<byte> content) =>
        content.Length >= HeaderLength && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8);

    /// <summary>
    /// The chunks within the size the RIFF header declares; null when the file is shorter than declared, holds no chunk or a
    /// chunk runs past the declared end. Bytes after the declared end are not read.
    /// </summary>
    public static List<RiffChunk>? Read(ReadOnlySpan<byte> webp)
    {
        if (!HasSignature(webp))
        {
            return null;
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]);
        if (riffSize < 4 || riffSize > (uint)(webp.Length - 8))
        {
            return null;
        }

        var end = 8 + (int)riffSize;
        var chunks = new List<RiffChunk>();
        var offset = HeaderLength;
        while (offset < end)
        {
            var size = end - offset >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(webp[(offset + 4)..]) : uint.MaxValue;
            if (size > (uint)(end - offset - 8))
            {
                return null;
            }

            chunks.Add(new RiffChunk(Encoding.ASCII.GetString(webp.Slice(offset, 4)), offset, (int)size));
            offset += 8 + (int)size + ((int)size & 1);
        }

        return chunks.Count == 0 ? null : chunks;
    }
}
