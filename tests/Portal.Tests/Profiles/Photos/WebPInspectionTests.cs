using Portal.Web.Features.Profiles.Photos;
using static Portal.Tests.Profiles.Photos.WebPSample;

namespace Portal.Tests.Profiles.Photos;

public sealed class WebPInspectionTests
{
    [Fact]
    public void A_lossy_webp_is_sized_from_its_key_frame_header()
    {
        var photo = ProfilePhotoInspector.Inspect(Riff(Lossy(640, 480))).ShouldBeAccepted();

        (photo.Format, photo.Width, photo.Height).ShouldBe((PhotoFormat.WebP, 640, 480));
    }

    [Fact]
    public void A_lossless_webp_is_sized_from_its_14_bit_fields()
    {
        var photo = ProfilePhotoInspector.Inspect(Riff(Lossless(4096, 33))).ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((4096, 33));
    }

    [Fact]
    public void An_extended_webp_is_sized_from_its_canvas()
    {
        var photo = ProfilePhotoInspector.Inspect(ExtendedWithMetadata(1024, 768)).ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((1024, 768));
    }

    [Fact]
    public void An_animated_webp_is_sized_from_its_canvas()
    {
        var webp = Riff(Extended(100, 100, flags: 0x02), Chunk("ANIM", new byte[6]), Chunk("ANMF", [.. new byte[16], .. Lossless(100, 100)]));

        ProfilePhotoInspector.Inspect(webp).ShouldBeAccepted().Width.ShouldBe(100);
    }

    [Fact]
    public void Every_truncation_of_a_webp_is_corrupt()
    {
        var webp = ExtendedWithMetadata(64, 64);

        for (var length = 12; length < webp.Length; length++)
        {
            ProfilePhotoInspector.Inspect(webp.AsSpan(0, length)).Problem.ShouldBe(PhotoProblem.Corrupt, $"cut at {length} of {webp.Length}");
        }
    }

    [Fact]
    public void A_canvas_that_differs_from_its_bitstream_is_corrupt() =>
        ProfilePhotoInspector.Inspect(Riff(Extended(64, 64, flags: 0), Lossless(10_000, 10_000))).ShouldBeRejectedAs(PhotoProblem.Corrupt);

    [Fact]
    public void An_extended_webp_without_an_image_is_corrupt() =>
        ProfilePhotoInspector.Inspect(Riff(Extended(64, 64, flags: 0x08), Chunk("EXIF", "MM\0*"u8))).ShouldBeRejectedAs(PhotoProblem.Corrupt);

    [Fact]
    public void A_lossy_frame_that_is_not_a_key_frame_is_corrupt()
    {
        var webp = Riff(Lossy(64, 64));
        webp[20] |= 0x01;

        ProfilePhotoInspector.Inspect(webp).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_lossy_frame_without_its_start_code_is_corrupt()
    {
        var webp = Riff(Lossy(64, 64));
        webp[23] = 0x00;

        ProfilePhotoInspector.Inspect(webp).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_lossless_bitstream_with_an_unknown_version_is_corrupt()
    {
        var webp = Riff(Lossless(64, 64));
        webp[24] |= 0x20; // the lowest version bit

        ProfilePhotoInspector.Inspect(webp).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_webp_with_an_unknown_first_chunk_is_corrupt() =>
        ProfilePhotoInspector.Inspect(Riff(Chunk("JUNK", new byte[16]))).ShouldBeRejectedAs(PhotoProblem.Corrupt);
}
