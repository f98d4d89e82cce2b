using System.Buffers.Binary;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>Reads a JPEG's dimensions from its first frame header, checking the segment structure on the way.</summary>
internal static class JpegReader
{
    /// <summary>
    /// The size in the first SOFn segment, or null when a segment is truncated or garbled, no frame header comes before
    /// the first scan, or the data ends before the end-of-image marker.
    /// </summary>
    public static PixelSize? ReadSize(ReadOnlySpan<byte> jpeg)
    {
        PixelSize? size = null;
        var offset = 2;
        while (JpegSegments.TryRead(jpeg, offset, out var segment))
        {
            if (segment.Marker == JpegSegments.StartOfScan)
            {
                return size is not null && JpegSegments.FindEndOfImage(jpeg, segment) > 0 ? size : null;
            }

            if (size is null && JpegSegments.IsStartOfFrame(segment.Marker))
            {
                size = ReadFrameSize(jpeg[segment.Payload]);
                if (size is null)
                {
                    return null;
                }
            }

            offset = segment.End;
        }

        return null;
    }

    // Sample precision (1 byte), height (2), width (2), component count (1), then 3 bytes per component.
    // A height of 0 (to be defined later by a DNL marker) is not supported by browsers and counts as broken.
    private static PixelSize? ReadFrameSize(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 6 || frame[5] == 0 || frame.Length < 6 + (3 * frame[5]))
        {
            return null;
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        return width == 0 || height == 0 ? null : new PixelSize(width, height);
    }
}
