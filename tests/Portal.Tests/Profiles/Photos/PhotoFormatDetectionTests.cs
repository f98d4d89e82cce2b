using System.Text;
using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

public sealed class PhotoFormatDetectionTests
{
    public static TheoryData<string, string, int, int> AcceptedPhotos => new()
    {
        { "jpeg", "image/jpeg", 64, 48 },
        { "png", "image/png", 40, 90 },
        { "webp-lossy", "image/webp", 320, 200 },
        { "webp-lossless", "image/webp", 33, 4096 },
        { "webp-extended", "image/webp", 500, 375 },
    };

    [Theory]
    [MemberData(nameof(AcceptedPhotos))]
    public void Each_format_is_recognised_from_its_content_with_its_size_and_content_type(string sample, string contentType, int width, int height)
    {
        var photo = ProfilePhotoInspector.Inspect(Sample(sample, width, height)).ShouldBeAccepted();

        photo.ContentType.ShouldBe(contentType);
        photo.Format.ContentType().ShouldBe(contentType);
        photo.Width.ShouldBe(width);
        photo.Height.ShouldBe(height);
    }

    [Fact]
    public void A_renamed_executable_is_refused()
    {
        // What "photo.jpg" holds when it is really a Windows program: the inspector never sees or trusts the name.
        byte[] executable = [.. "MZ"u8, 0x90, 0x00, 0x03, .. new byte[58], .. "This program cannot be run in DOS mode."u8];

        ProfilePhotoInspector.Inspect(executable).ShouldBeRejectedAs(PhotoProblem.NotAnImage);
    }

    [Theory]
    [InlineData("plain text that is not a photo")]
    [InlineData("RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("\u00FF\u00D8")]
    public void Content_that_is_not_an_image_is_refused(string content) =>
        ProfilePhotoInspector.Inspect(Encoding.Latin1.GetBytes(content)).ShouldBeRejectedAs(PhotoProblem.NotAnImage);

    [Theory]
    [InlineData("GIF89a\u0020\0\u0020\0")]
    [InlineData("GIF87a\u0020\0\u0020\0")]
    [InlineData("II*\0\u0008\0\0\0")]
    [InlineData("MM\0*\0\0\0\u0008")]
    [InlineData("\0\0\0\u0018ftypheic\0\0\0\0")]
    [InlineData("\0\0\0\u001CftypavifIMG")]
    [InlineData("BM\u0036\u0010\0\0\0\0\0\0\u0036\0\0\0\u0028\0\0\0\u0020\0\0\0\u0020\0\0\0")]
    [InlineData("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void An_image_in_another_format_is_unsupported(string content) =>
        ProfilePhotoInspector.Inspect(Encoding.Latin1.GetBytes(content)).ShouldBeRejectedAs(PhotoProblem.UnsupportedFormat);

    [Fact]
    public void No_content_is_empty() => ProfilePhotoInspector.Inspect([]).ShouldBeRejectedAs(PhotoProblem.Empty);

    [Fact]
    public void One_byte_over_two_megabytes_is_too_large_whatever_it_holds()
    {
        var content = new byte[ProfilePhotoInspector.MaxBytes + 1];
        JpegSample.Photo(64, 48).CopyTo(content, 0);

        ProfilePhotoInspector.MaxBytes.ShouldBe(2 * 1024 * 1024);
        ProfilePhotoInspector.Inspect(content).ShouldBeRejectedAs(PhotoProblem.TooLarge);
    }

    [Fact]
    public void Exactly_two_megabytes_is_accepted_and_the_padding_after_the_image_is_not_kept()
    {
        var png = PngSample.Photo(64, 64);
        var content = new byte[ProfilePhotoInspector.MaxBytes];
        png.CopyTo(content, 0);

        ProfilePhotoInspector.Inspect(content).ShouldBeAccepted().Bytes.ShouldBe(png);
    }

    internal static byte[] Sample(string sample, int width, int height) => sample switch
    {
        "jpeg" => JpegSample.Photo(width, height),
        "png" => PngSample.Photo(width, height),
        "webp-lossy" => WebPSample.Riff(WebPSample.Lossy(width, height)),
        "webp-lossless" => WebPSample.Riff(WebPSample.Lossless(width, height)),
        "webp-extended" => WebPSample.ExtendedWithMetadata(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(sample), sample, message: null),
    };
}
