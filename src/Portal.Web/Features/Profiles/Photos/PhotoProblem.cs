namespace Portal.Web.Features.Profiles.Photos;

/// <summary>Why an upload is not accepted as a profile photo or logo; each has a message <c>Photo_{name}</c> in Strings.</summary>
internal enum PhotoProblem
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>More than <see cref="PhotoReencoder.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The content is not an image, whatever its name or declared type says.</summary>
    NotAnImage,

    /// <summary>An image, but not JPEG, PNG or WebP (GIF, BMP, ICO, HEIF…).</summary>
    UnsupportedFormat,

    /// <summary>Starts like JPEG, PNG or WebP but does not decode whole: truncated or broken.</summary>
    Corrupt,

    /// <summary>Narrower or shorter than <see cref="PhotoReencoder.MinDimension"/> pixels.</summary>
    TooSmall,

    /// <summary>The header declares a side over <see cref="PhotoReencoder.MaxSide"/> or more than <see cref="PhotoReencoder.MaxPixels"/> pixels.</summary>
    TooLargeDimensions,
}
