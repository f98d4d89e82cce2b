using System.Text;
using Portal.Web.Features.Profiles.Photos;
using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

/// <summary>The content's own signature decides what is accepted; whatever is accepted is stored as a new still WebP.</summary>
public sealed class PhotoFormatTests
{
    public static TheoryData<string> Formats => ["jpeg", "png", "webp"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_accepted_format_is_recognised_from_its_content_and_stored_as_webp(string format)
    {
        var photo = Sample(format, 96, 64).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((96, 64));
        photo.Bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8).ShouldBeTrue();
        using var pixels = photo.Decoded();
        pixels.GetPixel(8, 8).ShouldLookLike(SKColors.Red, "the red block");
        pixels.GetPixel(80, 50).ShouldLookLike(SKColors.Blue, "the background");
    }

    [Theory]
    [InlineData("plain text that is not a photo")]
    [InlineData("MZ\u0090\0\u0003\0\0\0 a renamed program")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("II*\0\u0008\0\0\0")]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void Content_that_is_not_an_image_is_refused(string content) =>
        Encoding.Latin1.GetBytes(content).Reencoded().ShouldBeRejectedAs(PhotoProblem.NotAnImage);

    [Fact]
    public void An_image_in_another_format_is_refused_as_unsupported() =>
        CraftedPhotos.Gif.Reencoded().ShouldBeRejectedAs(PhotoProblem.UnsupportedFormat);

    [Fact]
    public void A_photo_hidden_behind_an_html_page_is_not_an_image() =>
        ((byte[])[.. "<html><body>hello</body></html>"u8, .. TestImages.Jpeg(64, 64)]).Reencoded().ShouldBeRejectedAs(PhotoProblem.NotAnImage);

    [Fact]
    public void A_jpeg_followed_by_an_html_page_is_stored_without_the_page()
    {
        var upload = CraftedPhotos.JpegFollowedByHtml(64, 64);

        var photo = upload.Reencoded().ShouldBeAccepted();

        photo.Bytes.ContainsAscii("<script").ShouldBeFalse();
        photo.Bytes.ContainsAscii("HTML-SECRET").ShouldBeFalse();
    }

    [Fact]
    public void A_png_followed_by_a_zip_archive_is_stored_without_the_archive()
    {
        var upload = CraftedPhotos.PngFollowedByZip(64, 64);

        var photo = upload.Reencoded().ShouldBeAccepted();

        photo.Bytes.ContainsAscii("PK\u0003\u0004").ShouldBeFalse();
        photo.Bytes.ContainsAscii("ZIP-SECRET").ShouldBeFalse();
    }

    [Fact]
    public void An_animated_webp_is_stored_as_a_still_of_its_first_frame()
    {
        var upload = CraftedPhotos.AnimatedWebP(64, 48, SKColors.Lime, SKColors.Magenta);
        using (var codec = SKCodec.Create(SKData.CreateCopy(upload)))
        {
            codec.FrameCount.ShouldBe(2);
        }

        using var pixels = upload.Reencoded().ShouldBeAccepted().Decoded();

        pixels.GetPixel(40, 40).ShouldLookLike(SKColors.Lime, "the background of the first frame");
    }

    [Fact]
    public void An_animated_png_is_stored_as_a_still_of_its_first_frame()
    {
        var upload = CraftedPhotos.AnimatedPng(64, 48, SKColors.Lime, SKColors.Magenta);

        using var pixels = upload.Reencoded().ShouldBeAccepted().Decoded();

        pixels.GetPixel(40, 40).ShouldLookLike(SKColors.Lime, "the background of the first frame");
    }

    [Fact]
    public void A_greyscale_png_from_another_encoder_is_stored_with_its_shading()
    {
        using var pixels = CraftedPhotos.GreyPng(64, 64).Reencoded().ShouldBeAccepted().Decoded();

        pixels.GetPixel(32, 1).ShouldLookLike(new SKColor(255, 255, 255), "the top row");
        pixels.GetPixel(32, 62).ShouldLookLike(new SKColor(8, 8, 8), "the bottom row");
    }

    [Fact]
    public void A_cmyk_jpeg_is_converted_and_stored()
    {
        var photo = CraftedPhotos.CmykJpeg(64, 40).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((64, 40));
        using var pixels = photo.Decoded();
        var colour = pixels.GetPixel(32, 20);

        // Equal cyan, magenta, yellow and black make a neutral grey.
        colour.Alpha.ShouldBe((byte)255);
        Math.Abs(colour.Red - colour.Green).ShouldBeLessThan(8);
        Math.Abs(colour.Green - colour.Blue).ShouldBeLessThan(8);
    }

    internal static byte[] Sample(string format, int width, int height) => format switch
    {
        "jpeg" => TestImages.Jpeg(width, height),
        "png" => TestImages.Png(width, height),
        "webp" => TestImages.WebP(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, message: null),
    };
}
