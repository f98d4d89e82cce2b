using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Portal.Tests.Profiles.Photos;

/// <summary>Builds PNG files chunk by chunk: a grey 8-bit image whose IDAT is real zlib-compressed scanlines.</summary>
internal static class PngSample
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Photo(int width, int height, params byte[][] ancillary) =>
        Build([Header(width, height), .. ancillary, ImageData(width, height), End]);

    public static byte[] Build(IEnumerable<byte[]> chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), TestCrc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] Header(int width, int height, byte bitDepth = 8, byte colourType = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colourType;
        return Chunk("IHDR", data);
    }

    /// <summary>Each scanline is a filter byte (0, none) and one grey byte per pixel.</summary>
    public static byte[] ImageData(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest))
        {
            var line = new byte[1 + width];
            for (var y = 0; y < height; y++)
            {
                line.AsSpan(1).Fill((byte)(y * 7));
                zlib.Write(line);
            }
        }

        return Chunk("IDAT", compressed.ToArray());
    }

    public static byte[] End => Chunk("IEND", []);

    public static byte[] Text(string keyword, string text) => Chunk("tEXt", Encoding.Latin1.GetBytes($"{keyword}\0{text}"));
}
