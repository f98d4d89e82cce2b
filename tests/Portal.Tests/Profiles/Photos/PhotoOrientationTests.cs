using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

/// <summary>The EXIF orientation is applied to the pixels, so the stored photo needs no tag to show upright.</summary>
public sealed class PhotoOrientationTests
{
    [Fact]
    public void A_sideways_phone_photo_is_stored_upright_with_width_and_height_swapped()
    {
        var photo = CraftedPhotos.JpegWithOrientation(200, 100, orientation: 6).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((100, 200));
        using var pixels = photo.Decoded();
        pixels.GetPixel(90, 10).ShouldLookLike(SKColors.Red, "top right, where a quarter turn clockwise takes the top left");
        pixels.GetPixel(10, 10).ShouldLookLike(SKColors.Blue, "top left");
    }

    [Theory]
    [InlineData(1, false, false, false)]
    [InlineData(2, false, true, false)]
    [InlineData(3, false, true, true)]
    [InlineData(4, false, false, true)]
    [InlineData(5, true, false, false)]
    [InlineData(6, true, true, false)]
    [InlineData(7, true, true, true)]
    [InlineData(8, true, false, true)]
    public void Each_orientation_puts_the_top_left_corner_where_it_belongs(ushort orientation, bool swapped, bool right, bool bottom)
    {
        var photo = CraftedPhotos.JpegWithOrientation(200, 100, orientation).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe(swapped ? (100, 200) : (200, 100));
        using var pixels = photo.Decoded();
        var (x, y) = (right ? photo.Width - 8 : 8, bottom ? photo.Height - 8 : 8);
        pixels.GetPixel(x, y).ShouldLookLike(SKColors.Red, $"the corner at {x}, {y}");
        pixels.GetPixel(photo.Width - 1 - x, photo.Height - 1 - y).ShouldLookLike(SKColors.Blue, "the opposite corner");
    }

    [Fact]
    public void A_webp_is_turned_by_the_orientation_in_its_exif_chunk()
    {
        var photo = CraftedPhotos.WebPWithExifAndXmp(80, 40, orientation: 8).Reencoded().ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((40, 80));
        using var pixels = photo.Decoded();
        pixels.GetPixel(4, 75).ShouldLookLike(SKColors.Red, "bottom left, where a quarter turn anticlockwise takes the top left");
    }
}
