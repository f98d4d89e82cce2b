using System.Buffers.Binary;
using System.Text;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>A PNG chunk: <see cref="Offset"/> is its length field; it spans the length, type, data and CRC.</summary>
internal readonly record struct PngChunk(string Type, int Offset, int DataLength)
{
    public int End => Offset + 12 + DataLength;

    public Range Data => (Offset + 8)..(Offset + 8 + DataLength);
}

/// <summary>Reads the chunk structure of a PNG.</summary>
internal static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The chunks from the signature to IEND, each with a length that fits, a type of four ASCII letters and a matching CRC;
    /// null otherwise, or when the data ends before IEND. Bytes after IEND are not read.
    /// </summary>
    public static List<PngChunk>? Read(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            return null;
        }

        var chunks = new List<PngChunk>();
        var offset = Signature.Length;
        while (png.Length - offset >= 12)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            var type = png.Slice(offset + 4, 4);
            if (length > (uint)(png.Length - offset - 12) || !IsChunkType(type))
            {
                return null;
            }

            var chunk = new PngChunk(Encoding.ASCII.GetString(type), offset, (int)length);
            if (PngCrc.Compute(png[(offset + 4)..chunk.Data.End]) != BinaryPrimitives.ReadUInt32BigEndian(png[chunk.Data.End..]))
            {
                return null;
            }

            chunks.Add(chunk);
            if (chunk.Type == "IEND")
            {
                return chunks;
            }

            offset = chunk.End;
        }

        return null;
    }

    /// <summary>Critical chunks have an upper-case first letter: a decoder that does not know one must give up.</summary>
    public static bool IsCritical(string type) => char.IsAsciiLetterUpper(type[0]);

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
