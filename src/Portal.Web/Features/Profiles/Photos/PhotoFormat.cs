namespace Portal.Web.Features.Profiles.Photos;

/// <summary>The image formats accepted for profile photos, as recognised from the content's own signature.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    WebP,
}

public static class PhotoFormatExtensions
{
    /// <summary>The content type to store and serve a photo with; it never comes from what the upload declared.</summary>
    public static string ContentType(this PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "image/jpeg",
        PhotoFormat.Png => "image/png",
        PhotoFormat.WebP => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, message: null),
    };
}
