using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

/// <summary>
/// Byte size, declared pixel size and integrity are checked before anything is stored, and the declared size before any
/// pixel is decoded: a decompression bomb is refused from its header.
/// </summary>
public sealed class PhotoLimitTests
{
    public static TheoryData<string> Formats => PhotoFormatTests.Formats;

    [Theory]
    [InlineData("jpeg", 2000, 1000, 512, 256)]
    [InlineData("png", 1200, 600, 512, 256)]
    [InlineData("webp", 600, 1200, 256, 512)]
    [InlineData("jpeg", 64, 48, 64, 48)]
    public void A_photo_is_stored_at_most_512_pixels_on_its_longest_side_and_never_enlarged(
        string format, int width, int height, int storedWidth, int storedHeight)
    {
        var photo = PhotoFormatTests.Sample(format, width, height).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((storedWidth, storedHeight));
    }

    [Fact]
    public void A_png_header_claiming_50000_by_50000_pixels_is_refused_before_decoding() =>
        CraftedPhotos.PngClaiming(TestImages.Png(64, 64), 50_000, 50_000).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);

    [Fact]
    public void A_jpeg_header_claiming_50000_by_50000_pixels_is_refused_before_decoding() =>
        CraftedPhotos.JpegClaiming(TestImages.Jpeg(64, 64), 50_000, 50_000).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);

    [Fact]
    public void One_side_over_10000_pixels_is_refused_even_under_the_pixel_limit() =>
        CraftedPhotos.PngClaiming(TestImages.Png(64, 64), 10_001, 40).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);

    [Fact]
    public void More_than_40_megapixels_is_refused_even_with_both_sides_under_10000() =>
        CraftedPhotos.PngClaiming(TestImages.Png(64, 64), 8000, 5001).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);

    [Fact]
    public void A_picture_10000_pixels_wide_is_accepted_and_scaled_down()
    {
        var photo = TestImages.Png(10_000, 40).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((512, 2));
    }

    [Theory]
    [InlineData(20, 20)]
    [InlineData(400, 31)]
    public void A_picture_under_32_pixels_on_a_side_is_too_small(int width, int height) =>
        TestImages.Png(width, height).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooSmall);

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_truncated_file_is_refused_as_damaged(string format)
    {
        var whole = PhotoFormatTests.Sample(format, 160, 120);
        foreach (var fraction in (double[])[0.05, 0.25, 0.5, 0.75, 0.9])
        {
            // Never shorter than the 12 bytes a WebP needs to be recognised at all.
            whole[..Math.Max(16, (int)(whole.Length * fraction))].Reencoded().ShouldBeRejectedAs(PhotoProblem.Corrupt);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Damaged_bytes_anywhere_give_a_stored_photo_or_a_refusal_never_an_exception(string format)
    {
        var whole = PhotoFormatTests.Sample(format, 96, 96);
        for (var position = 0; position < whole.Length; position += Math.Max(1, whole.Length / 150))
        {
            var damaged = whole.ToArray();
            damaged[position] ^= 0x5A;

            var check = damaged.Reencoded();

            if (check.IsAccepted)
            {
                check.ShouldBeAccepted();
            }
            else
            {
                check.Problem.ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void No_content_is_empty() => Array.Empty<byte>().Reencoded().ShouldBeRejectedAs(PhotoProblem.Empty);

    [Fact]
    public void One_byte_over_two_megabytes_is_too_large_whatever_it_holds()
    {
        var png = TestImages.Png(64, 64);

        ((byte[])[.. png, .. new byte[PhotoReencoder.MaxBytes - png.Length + 1]]).Reencoded().ShouldBeRejectedAs(PhotoProblem.TooLarge);
    }

    [Fact]
    public void Exactly_two_megabytes_is_accepted_and_the_padding_after_the_image_is_not_kept()
    {
        var png = TestImages.Png(64, 64);

        var photo = ((byte[])[.. png, .. new byte[PhotoReencoder.MaxBytes - png.Length]]).Reencoded().ShouldBeAccepted();

        photo.Bytes.Length.ShouldBeLessThan(64 * 1024);
    }
}
