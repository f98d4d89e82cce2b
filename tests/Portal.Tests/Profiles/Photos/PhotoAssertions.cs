using System.Text;
using Portal.Web.Features.Profiles.Photos;
using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

internal static class PhotoAssertions
{
    // Chunk and segment names that carry metadata in WebP, PNG and JPEG, the signature inside every ICC profile, and the
    // secrets the crafted files hide.
    private static readonly string[] MetadataMarks =
    [
        "EXIF", "Exif", "XMP ", "ICCP", "iCCP", "ICC_PROFILE", "acsp", "tEXt", "zTXt", "iTXt", "eXIf", "ns.adobe.com",
        CraftedPhotos.GpsSecret, CraftedPhotos.XmpSecret, CraftedPhotos.TextSecret,
    ];

    public static PhotoCheck Reencoded(this byte[] content) => PhotoReencoder.Reencode(content);

    /// <summary>Accepted, as a still WebP of the size it states that decodes whole and holds none of the upload's metadata.</summary>
    public static ReencodedPhoto ShouldBeAccepted(this PhotoCheck check)
    {
        check.Problem.ShouldBeNull();
        check.IsAccepted.ShouldBeTrue();
        var photo = check.Photo;
        foreach (var mark in MetadataMarks)
        {
            photo.Bytes.ContainsAscii(mark).ShouldBeFalse($"the stored photo contains \"{mark}\"");
        }

        using var codec = SKCodec.Create(SKData.CreateCopy(photo.Bytes));
        codec.ShouldNotBeNull();
        codec.EncodedFormat.ShouldBe(SKEncodedImageFormat.Webp);
        codec.FrameCount.ShouldBeLessThanOrEqualTo(1);
        (codec.Info.Width, codec.Info.Height).ShouldBe((photo.Width, photo.Height));
        using var pixels = SKBitmap.Decode(codec);
        pixels.ShouldNotBeNull();
        return photo;
    }

    public static void ShouldBeRejectedAs(this PhotoCheck check, PhotoProblem problem)
    {
        check.Photo.ShouldBeNull();
        check.Problem.ShouldBe(problem);
    }

    public static SKBitmap Decoded(this ReencodedPhoto photo) =>
        SKBitmap.Decode(photo.Bytes).ShouldNotBeNull();

    /// <summary>Whether a decoded pixel is close to a colour (lossy coding moves channels a little).</summary>
    public static void ShouldLookLike(this SKColor actual, SKColor expected, string where)
    {
        var distance = Math.Max(Math.Max(Math.Abs(actual.Red - expected.Red), Math.Abs(actual.Green - expected.Green)),
            Math.Max(Math.Abs(actual.Blue - expected.Blue), Math.Abs(actual.Alpha - expected.Alpha)));
        distance.ShouldBeLessThan(64, $"{where}: expected {expected}, found {actual}");
    }

    public static bool ContainsAscii(this byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
