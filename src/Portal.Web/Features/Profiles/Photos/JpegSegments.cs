using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// A JPEG marker segment. <see cref="Offset"/> is the FF byte just before the marker (fill bytes before it are not part of
/// the segment); <see cref="Length"/> counts the two marker bytes and, unless the marker stands alone, the length field and payload.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct JpegSegment(byte Marker, int Offset, int Length)
{
    public int End => Offset + Length;

    public Range Payload => Length > 2 ? (Offset + 4)..End : End..End;
}

/// <summary>Reads JPEG marker segments one at a time, rejecting anything truncated or garbled.</summary>
internal static class JpegSegments
{
    public const byte StartOfImage = 0xD8;
    public const byte EndOfImage = 0xD9;
    public const byte StartOfScan = 0xDA;
    public const byte Comment = 0xFE;

    /// <summary>
    /// Reads the segment whose marker starts at <paramref name="offset"/>, skipping fill bytes (FF) before the marker.
    /// False when there is no marker there, the marker cannot appear between an image's segments (00, SOI, EOI),
    /// or the segment's length is impossible or runs past the end of the data.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> jpeg, int offset, out JpegSegment segment)
    {
        segment = default;
        if (offset >= jpeg.Length || jpeg[offset] != 0xFF)
        {
            return false;
        }

        while (offset + 1 < jpeg.Length && jpeg[offset + 1] == 0xFF)
        {
            offset++;
        }

        if (offset + 1 >= jpeg.Length || jpeg[offset + 1] is 0x00 or StartOfImage or EndOfImage)
        {
            return false;
        }

        var marker = jpeg[offset + 1];
        if (IsStandalone(marker))
        {
            segment = new JpegSegment(marker, offset, 2);
            return true;
        }

        if (offset + 4 > jpeg.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(offset + 2)..]);
        if (length < 2 || length > jpeg.Length - offset - 2)
        {
            return false;
        }

        segment = new JpegSegment(marker, offset, 2 + length);
        return true;
    }

    /// <summary>Markers without a length or payload: TEM and the restart markers RST0–RST7.</summary>
    public static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);

    /// <summary>SOF0–SOF15, which are C0–CF except DHT (C4), JPG (C8) and DAC (CC).</summary>
    public static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>
    /// Follows the image from its first scan to the EOI marker: entropy-coded data (with stuffed FF 00 bytes and restart
    /// markers) and, in progressive images, the tables and further scans between them.
    /// Returns the offset just past EOI, or -1 when the data ends first or a segment on the way is broken.
    /// </summary>
    public static int FindEndOfImage(ReadOnlySpan<byte> jpeg, JpegSegment firstScan)
    {
        var position = firstScan.End;
        while (true)
        {
            var next = jpeg[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= jpeg.Length)
            {
                return -1;
            }

            position += next;
            var marker = jpeg[position + 1];
            if (marker == 0xFF)
            {
                position++;
            }
            else if (marker == 0x00 || IsStandalone(marker))
            {
                position += 2;
            }
            else if (marker == EndOfImage)
            {
                return position + 2;
            }
            else if (TryRead(jpeg, position, out var segment))
            {
                position = segment.End;
            }
            else
            {
                return -1;
            }
        }
    }
}
