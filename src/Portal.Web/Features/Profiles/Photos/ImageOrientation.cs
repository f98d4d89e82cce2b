using SkiaSharp;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>
/// Phones store portrait photos sideways and rely on the EXIF orientation to show them upright. The decoder reports it
/// but does not apply it; these are the transforms that turn the decoded pixels into the picture as it should be seen.
/// </summary>
internal static class ImageOrientation
{
    /// <summary>Whether the upright picture's width is the decoded height (a quarter turn, with or without a mirror).</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Maps decoded pixels (<paramref name="width"/> × <paramref name="height"/>) onto the upright picture.</summary>
    public static SKMatrix Upright(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => Affine(-1, 0, width, 0, 1, 0), // mirrored left to right
        SKEncodedOrigin.BottomRight => Affine(-1, 0, width, 0, -1, height), // upside down
        SKEncodedOrigin.BottomLeft => Affine(1, 0, 0, 0, -1, height), // mirrored top to bottom
        SKEncodedOrigin.LeftTop => Affine(0, 1, 0, 1, 0, 0), // transposed
        SKEncodedOrigin.RightTop => Affine(0, -1, height, 1, 0, 0), // a quarter turn clockwise
        SKEncodedOrigin.RightBottom => Affine(0, -1, height, -1, 0, width), // transposed the other way
        SKEncodedOrigin.LeftBottom => Affine(0, 1, 0, -1, 0, width), // a quarter turn anticlockwise
        _ => SKMatrix.Identity,
    };

    // x' = scaleX·x + skewX·y + transX, y' = skewY·x + scaleY·y + transY.
    private static SKMatrix Affine(float scaleX, float skewX, float transX, float skewY, float scaleY, float transY) =>
        new(scaleX, skewX, transX, skewY, scaleY, transY, 0, 0, 1);
}
