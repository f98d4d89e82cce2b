using System.Buffers.Binary;
using System.Text;

namespace Portal.Tests.Profiles.Photos;

/// <summary>
/// Builds baseline greyscale JPEG files segment by segment. The tables are real and minimal: a one-code Huffman table per class,
/// so each 8x8 block is coded as "DC difference 0, end of block" in two bits, and the whole picture decodes to flat grey.
/// </summary>
internal static class JpegSample
{
    public const string GpsSecret = "GPS-SECRET-51.5N";
    public const string CommentText = "taken at home by ada";

    public static byte[] Photo(int width, int height) =>
        Build(Jfif(), Exif(orientation: 6), Comment(CommentText), QuantisationTable, Frame(width, height), HuffmanTables, Scan(width, height));

    public static byte[] Build(params byte[][] segments) => [0xFF, 0xD8, .. segments.SelectMany(s => s), 0xFF, 0xD9];

    public static byte[] Segment(byte marker, ReadOnlySpan<byte> payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    /// <summary>JFIF 1.02, aspect-ratio units, 1:1, with a 1x1 thumbnail (3 bytes of RGB) that stripping should drop.</summary>
    public static byte[] Jfif() => Segment(0xE0, [.. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 1, 1, 0xAB, 0xCD, 0xEF]);

    /// <summary>
    /// EXIF with IFD0 holding the orientation and a pointer to a GPS IFD, whose map datum (an ASCII tag) is <see cref="GpsSecret"/>.
    /// </summary>
    public static byte[] Exif(ushort orientation, bool littleEndian = false)
    {
        var tiff = new byte[56 + GpsSecret.Length + 1];
        Encoding.ASCII.GetBytes(littleEndian ? "II*\0" : "MM\0*", tiff);
        Write32(tiff, 4, 8, littleEndian);
        Write16(tiff, 8, 2, littleEndian); // IFD0 at 8: two entries, then no next IFD
        WriteEntry(tiff, 10, tag: 0x0112, type: 3, count: 1, value: littleEndian ? orientation : (uint)orientation << 16, littleEndian);
        WriteEntry(tiff, 22, tag: 0x8825, type: 4, count: 1, value: 38, littleEndian);
        Write16(tiff, 38, 1, littleEndian); // GPS IFD at 38: one entry pointing at the ASCII value at 56
        WriteEntry(tiff, 40, tag: 0x0012, type: 2, count: (uint)GpsSecret.Length + 1, value: 56, littleEndian);
        Encoding.ASCII.GetBytes(GpsSecret, tiff.AsSpan(56));
        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    public static byte[] Xmp(string text) => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(text)]);

    public static byte[] Comment(string text) => Segment(0xFE, Encoding.ASCII.GetBytes(text));

    public static byte[] IccProfile() => Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. "fake-profile-bytes"u8]);

    public static byte[] QuantisationTable => Segment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);

    /// <summary>One grey component, sampling 1x1, quantisation table 0.</summary>
    public static byte[] Frame(int width, int height, byte marker = 0xC0) =>
        Segment(marker, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

    /// <summary>DC table 0 and AC table 0, each with one code of length 1 for symbol 0 (DC: difference 0; AC: end of block).</summary>
    public static byte[] HuffmanTables => Segment(0xC4, [0x00, 1, .. new byte[15], 0x00, 0x10, 1, .. new byte[15], 0x00]);

    /// <summary>The scan header and the entropy-coded data: two zero bits per block, padded with one bits.</summary>
    public static byte[] Scan(int width, int height)
    {
        var bits = 2 * ((width + 7) / 8) * ((height + 7) / 8);
        var data = new byte[(bits + 7) / 8];
        if (bits % 8 != 0)
        {
            data[^1] = (byte)((1 << (8 - (bits % 8))) - 1);
        }

        return [.. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]), .. data];
    }

    private static void WriteEntry(byte[] tiff, int offset, ushort tag, ushort type, uint count, uint value, bool littleEndian)
    {
        Write16(tiff, offset, tag, littleEndian);
        Write16(tiff, offset + 2, type, littleEndian);
        Write32(tiff, offset + 4, count, littleEndian);
        Write32(tiff, offset + 8, value, littleEndian);
    }

    private static void Write16(byte[] bytes, int offset, ushort value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), value);
        }
    }

    private static void Write32(byte[] bytes, int offset, uint value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), value);
        }
    }
}
