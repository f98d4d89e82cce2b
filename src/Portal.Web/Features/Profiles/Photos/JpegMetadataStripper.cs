using System.Buffers;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Rewrites a JPEG without the segments that carry metadata: APP1 (EXIF, with its GPS position, camera and dates, and XMP),
/// every other APPn, and comments (COM). Three application segments are kept because dropping them changes how the photo looks:
/// <list type="bullet">
/// <item>APP0 "JFIF" (pixel density; its thumbnail is removed, as a thumbnail may show what was cropped away);</item>
/// <item>APP2 "ICC_PROFILE" (the colour profile: without it, wide-gamut phone photos render dull or with shifted colours);</item>
/// <item>APP14 "Adobe" (says whether the channels are RGB or YCbCr; without it, Adobe-written files can decode with wrong colours).</item>
/// </list>
/// The EXIF orientation is carried over in a minimal EXIF segment holding only that tag, so portrait phone photos stay upright.
/// Everything from the first scan (SOS) to the end-of-image marker is copied verbatim; anything after it is dropped
/// (trailers, and the extra images of multi-picture files, which carry their own EXIF).
/// </summary>
internal static class JpegMetadataStripper
{
    private const byte App0 = 0xE0;
    private const byte App1 = 0xE1;
    private const byte App2 = 0xE2;
    private const byte App14 = 0xEE;
    private const byte App15 = 0xEF;

    // "JFIF\0", version (2), density units (1), X and Y density (2 each); the thumbnail size (2) and pixels follow.
    private const int JfifWithoutThumbnail = 12;

    private static ReadOnlySpan<byte> JfifHeader => [0xFF, App0, 0x00, JfifWithoutThumbnail + 4];

    private static ReadOnlySpan<byte> NoThumbnail => [0x00, 0x00];

    /// <summary>The JPEG without its metadata; throws <see cref="InvalidDataException"/> if its structure is broken.</summary>
    public static byte[] Strip(ReadOnlySpan<byte> jpeg)
    {
        var output = new ArrayBufferWriter<byte>(jpeg.Length);
        output.Write(jpeg[..2]);
        var orientationKept = false;
        var offset = 2;
        while (JpegSegments.TryRead(jpeg, offset, out var segment))
        {
            if (segment.Marker == JpegSegments.StartOfScan)
            {
                var end = JpegSegments.FindEndOfImage(jpeg, segment);
                if (end < 0)
                {
                    break;
                }

                output.Write(jpeg[segment.Offset..end]);
                return output.WrittenSpan.ToArray();
            }

            var payload = jpeg[segment.Payload];
            if (segment.Marker == App0 && payload.StartsWith("JFIF\0"u8) && payload.Length >= JfifWithoutThumbnail + 2)
            {
                output.Write(JfifHeader);
                output.Write(payload[..JfifWithoutThumbnail]);
                output.Write(NoThumbnail);
            }
            else if (segment.Marker == App1 && !orientationKept && ExifOrientation.Read(payload) is { } orientation and not 1)
            {
                output.Write(ExifOrientation.Segment(orientation));
                orientationKept = true;
            }
            else if (IsKept(segment.Marker, payload))
            {
                output.Write(jpeg.Slice(segment.Offset, segment.Length));
            }

            offset = segment.End;
        }

        throw new InvalidDataException("The JPEG's segments are broken; inspect it with ProfilePhotoInspector first.");
    }

    private static bool IsKept(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        App14 => payload.StartsWith("Adobe"u8),
        >= App0 and <= App15 or JpegSegments.Comment => false,
        _ => true,
    };
}
