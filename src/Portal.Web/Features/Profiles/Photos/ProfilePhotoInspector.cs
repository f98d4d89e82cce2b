using System.Diagnostics;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Checks an uploaded profile photo without decoding its pixels. The format comes only from the content's signature (never
/// from a file name or a declared content type), the dimensions from the image's own header after its structure is checked,
/// and what is kept is a copy without metadata such as the EXIF GPS position.
/// </summary>
public static class ProfilePhotoInspector
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MinDimension = 32;
    public const int MaxDimension = 4096;

    public static PhotoCheck Inspect(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return PhotoCheck.Rejected(PhotoProblem.Empty);
        }

        if (content.Length > MaxBytes)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooLarge);
        }

        if (PhotoSignature.Detect(content) is not { } format)
        {
            return PhotoCheck.Rejected(PhotoSignature.IsOtherImage(content) ? PhotoProblem.UnsupportedFormat : PhotoProblem.NotAnImage);
        }

        var size = format switch
        {
            PhotoFormat.Jpeg => JpegReader.ReadSize(content),
            PhotoFormat.Png => PngReader.ReadSize(content),
            PhotoFormat.WebP => WebPReader.ReadSize(content),
            _ => throw new UnreachableException(),
        };
        if (size is not var (width, height))
        {
            return PhotoCheck.Rejected(PhotoProblem.Corrupt);
        }

        if (width > MaxDimension || height > MaxDimension)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooLargeDimensions);
        }

        if (width < MinDimension || height < MinDimension)
        {
            return PhotoCheck.Rejected(PhotoProblem.TooSmall);
        }

        var bytes = format switch
        {
            PhotoFormat.Jpeg => JpegMetadataStripper.Strip(content),
            PhotoFormat.Png => PngMetadataStripper.Strip(content),
            PhotoFormat.WebP => WebPMetadataStripper.Strip(content),
            _ => throw new UnreachableException(),
        };
        return PhotoCheck.Accepted(new InspectedPhoto(format, width, height, bytes));
    }
}
