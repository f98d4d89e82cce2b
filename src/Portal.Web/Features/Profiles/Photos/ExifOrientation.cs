using System.Buffers.Binary;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// The one EXIF tag worth keeping: phones store portrait photos sideways and rely on the orientation tag to show them
/// upright. It is read from the original EXIF and written back in a minimal EXIF segment that holds nothing else.
/// </summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;
    private const int EntryLength = 12;

    /// <summary>The orientation (1–8) in an APP1 payload ("Exif\0\0" and a TIFF structure), or null if it has none.</summary>
    public static int? Read(ReadOnlySpan<byte> app1Payload)
    {
        if (!app1Payload.StartsWith("Exif\0\0"u8))
        {
            return null;
        }

        var tiff = app1Payload[6..];
        bool littleEndian;
        if (tiff.StartsWith("II*\0"u8))
        {
            littleEndian = true;
        }
        else if (tiff.StartsWith("MM\0*"u8))
        {
            littleEndian = false;
        }
        else
        {
            return null;
        }

        var ifd = tiff.Length >= 8 ? ReadUInt32(tiff[4..], littleEndian) : uint.MaxValue;
        if (ifd > (uint)(tiff.Length - 2))
        {
            return null;
        }

        var count = ReadUInt16(tiff[(int)ifd..], littleEndian);
        var entries = tiff[((int)ifd + 2)..];
        for (var i = 0; i < count && (i + 1) * EntryLength <= entries.Length; i++)
        {
            var entry = entries.Slice(i * EntryLength, EntryLength);
            if (ReadUInt16(entry, littleEndian) == OrientationTag && ReadUInt16(entry[2..], littleEndian) == ShortType)
            {
                int value = ReadUInt16(entry[8..], littleEndian);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    /// <summary>An APP1 segment with a big-endian TIFF structure whose only entry is the orientation.</summary>
    public static byte[] Segment(int orientation) =>
    [
        0xFF, 0xE1, 0x00, 0x22, // APP1, 34 bytes after the marker
        .. "Exif\0\0"u8,
        .. "MM\0*"u8, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, first IFD at offset 8
        0x00, 0x01, // one entry: orientation, SHORT, count 1, value
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, // no further IFD
    ];

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
