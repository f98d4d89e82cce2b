using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

/// <summary>Whatever metadata an upload carries, the stored photo is drawn from pixels alone: none of it survives.</summary>
public sealed class PhotoMetadataTests
{
    [Fact]
    public void A_jpeg_loses_its_exif_gps_position_its_xmp_and_its_comment()
    {
        var upload = CraftedPhotos.JpegWithGpsAndXmp(120, 80);
        upload.ContainsAscii(CraftedPhotos.GpsSecret).ShouldBeTrue();
        upload.ContainsAscii(CraftedPhotos.XmpSecret).ShouldBeTrue();

        var photo = upload.Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((120, 80));
    }

    [Fact]
    public void A_png_loses_its_colour_profile_and_its_text_chunk()
    {
        var upload = CraftedPhotos.PngWithProfileAndText(96, 64);
        upload.ContainsAscii("iCCP").ShouldBeTrue();
        upload.ContainsAscii(CraftedPhotos.TextSecret).ShouldBeTrue();

        upload.Reencoded().ShouldBeAccepted();
    }

    [Fact]
    public void A_jpeg_with_a_wide_gamut_profile_is_converted_to_srgb_and_stored_without_the_profile()
    {
        var upload = TestImages.Jpeg(96, 96, CraftedPhotos.DisplayP3);
        upload.ContainsAscii("ICC_PROFILE").ShouldBeTrue();

        using var pixels = upload.Reencoded().ShouldBeAccepted().Decoded();

        // Display P3's red is outside sRGB: converted, it clips to sRGB's own red, and the blue stays blue.
        pixels.GetPixel(4, 4).ShouldLookLike(SKColors.Red, "top left");
        pixels.GetPixel(90, 90).ShouldLookLike(new SKColor(0, 0, 255), "bottom right");
    }

    [Fact]
    public void A_webp_loses_its_exif_and_xmp_chunks()
    {
        var upload = CraftedPhotos.WebPWithExifAndXmp(64, 64);
        upload.ContainsAscii("EXIF").ShouldBeTrue();
        upload.ContainsAscii("XMP ").ShouldBeTrue();

        upload.Reencoded().ShouldBeAccepted();
    }

    [Fact]
    public void A_transparent_logo_keeps_its_transparency()
    {
        using var pixels = TestImages.TransparentPng(128, 64).Reencoded().ShouldBeAccepted().Decoded();

        pixels.GetPixel(4, 4).ShouldLookLike(SKColors.Red, "the red block");
        pixels.GetPixel(120, 60).Alpha.ShouldBe((byte)0);
    }
}
