namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// What to store for an accepted photo or logo: a new WebP (<see cref="PhotoReencoder.ContentType"/>) drawn from the upload's
/// pixels, upright, at most <see cref="PhotoReencoder.LongestSide"/> pixels on its longest side. <see cref="Width"/> and
/// <see cref="Height"/> are its own.
/// </summary>
internal sealed record ReencodedPhoto(int Width, int Height, byte[] Bytes);
