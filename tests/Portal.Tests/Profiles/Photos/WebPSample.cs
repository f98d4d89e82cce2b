using System.Buffers.Binary;
using System.Text;

namespace Portal.Tests.Profiles.Photos;

/// <summary>Builds WebP containers with the headers the inspector reads; the bitstreams after the headers are filler.</summary>
internal static class WebPSample
{
    public const string GpsSecret = "GPS-SECRET-51.5N";

    public static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var size = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, body.Length);
        return [.. "RIFF"u8, .. size, .. body];
    }

    public static byte[] Chunk(string fourCc, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[8 + data.Length + (data.Length % 2)];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), data.Length);
        data.CopyTo(chunk.AsSpan(8));
        return chunk;
    }

    /// <summary>A key frame (bit 0 clear), version 0, shown, first partition of 10 bytes; start code; width; height.</summary>
    public static byte[] Lossy(int width, int height)
    {
        byte[] data = [0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0, 0, 0, 0, .. new byte[10]];
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(8), (ushort)height);
        return Chunk("VP8 ", data);
    }

    /// <summary>Signature 2F, then width - 1 and height - 1 in 14 bits each, no alpha, version 0.</summary>
    public static byte[] Lossless(int width, int height)
    {
        byte[] data = [0x2F, 0, 0, 0, 0, 0x11, 0x22, 0x33];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return Chunk("VP8L", data);
    }

    public static byte[] Extended(int width, int height, byte flags)
    {
        var data = new byte[10];
        data[0] = flags;
        WriteUInt24(data.AsSpan(4), width - 1);
        WriteUInt24(data.AsSpan(7), height - 1);
        return Chunk("VP8X", data);
    }

    /// <summary>An extended still image with an ICC profile, an EXIF chunk holding <see cref="GpsSecret"/> and an XMP chunk.</summary>
    public static byte[] ExtendedWithMetadata(int width, int height) =>
        Riff(
            Extended(width, height, flags: 0x20 | 0x08 | 0x04),
            Chunk("ICCP", "fake-icc"u8),
            Lossless(width, height),
            Chunk("EXIF", [.. "MM\0*"u8, .. Encoding.ASCII.GetBytes(GpsSecret), 0]), // odd length: padded
            Chunk("XMP ", "<x:xmpmeta>creator: ada</x:xmpmeta>"u8));

    private static void WriteUInt24(Span<byte> bytes, int value)
    {
        bytes[0] = (byte)value;
        bytes[1] = (byte)(value >> 8);
        bytes[2] = (byte)(value >> 16);
    }
}
