namespace Portal.Web.Features.Profiles;

/// <summary>A person's profile photo as stored: a WebP re-encoded from the upload's pixels, with none of its metadata.</summary>
public sealed class ProfilePhoto
{
    public string UserId { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Changes with every upload, so browsers and caches never show an old photo under a new address.</summary>
    public string Version { get; set; } = "";
}
