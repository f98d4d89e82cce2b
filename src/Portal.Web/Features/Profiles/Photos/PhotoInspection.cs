using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// A photo that passed inspection. <see cref="Bytes"/> is what to store: the upload without its metadata
/// (EXIF, XMP, text chunks, comments), so that GPS positions and camera details never leave the uploader.
/// <see cref="Width"/> and <see cref="Height"/> are the stored pixel dimensions, before any EXIF orientation is applied.
/// </summary>
public sealed record InspectedPhoto(PhotoFormat Format, int Width, int Height, byte[] Bytes)
{
    public string ContentType => Format.ContentType();
}

/// <summary>Why an upload is not accepted as a profile photo.</summary>
public enum PhotoProblem
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>More than <see cref="ProfilePhotoInspector.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The content is not an image, whatever its name or declared type says.</summary>
    NotAnImage,

    /// <summary>An image, but not JPEG, PNG or WebP (GIF, BMP, TIFF, HEIC, SVG…).</summary>
    UnsupportedFormat,

    /// <summary>Starts like JPEG, PNG or WebP but its structure is truncated or broken.</summary>
    Corrupt,

    /// <summary>Narrower or shorter than <see cref="ProfilePhotoInspector.MinDimension"/> pixels.</summary>
    TooSmall,

    /// <summary>Wider or taller than <see cref="ProfilePhotoInspector.MaxDimension"/> pixels.</summary>
    TooLargeDimensions,
}

/// <summary>The outcome of <see cref="ProfilePhotoInspector.Inspect"/>: either a photo or a problem, never both.</summary>
public sealed record PhotoCheck
{
    private PhotoCheck(InspectedPhoto? photo, PhotoProblem? problem)
    {
        Photo = photo;
        Problem = problem;
    }

    public InspectedPhoto? Photo { get; }

    public PhotoProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Photo))]
    public bool IsAccepted => Photo is not null;

    public static PhotoCheck Accepted(InspectedPhoto photo) => new(photo, problem: null);

    public static PhotoCheck Rejected(PhotoProblem problem) => new(photo: null, problem);
}

/// <summary>Pixel dimensions as an image's header declares them.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct PixelSize(int Width, int Height);
