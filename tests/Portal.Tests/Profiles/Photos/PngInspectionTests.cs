using System.Text;
using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

public sealed class PngInspectionTests
{
    [Fact]
    public void The_test_checksum_is_the_standard_crc32() =>
        TestCrc32.Compute("123456789"u8).ShouldBe(0xCBF43926u);

    [Fact]
    public void The_size_comes_from_the_header_chunk()
    {
        var photo = ProfilePhotoInspector.Inspect(PngSample.Photo(200, 120, PngSample.Chunk("pHYs", new byte[9]))).ShouldBeAccepted();

        (photo.Format, photo.Width, photo.Height).ShouldBe((PhotoFormat.Png, 200, 120));
    }

    [Fact]
    public void Every_truncation_of_a_png_is_corrupt()
    {
        var png = PngSample.Photo(40, 40, PngSample.Text("Comment", "hello"));

        for (var length = PngSample.Signature.Length; length < png.Length; length++)
        {
            ProfilePhotoInspector.Inspect(png.AsSpan(0, length)).Problem.ShouldBe(PhotoProblem.Corrupt, $"cut at {length} of {png.Length}");
        }
    }

    [Fact]
    public void A_header_that_is_not_the_first_chunk_is_corrupt()
    {
        var png = PngSample.Build([PngSample.Text("Title", "me"), PngSample.Header(64, 64), PngSample.ImageData(64, 64), PngSample.End]);

        ProfilePhotoInspector.Inspect(png).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_chunk_whose_checksum_does_not_match_is_corrupt()
    {
        var png = PngSample.Photo(64, 64);
        png[PngSample.Signature.Length + 8] ^= 0x01; // a bit of the width, under the header's CRC

        ProfilePhotoInspector.Inspect(png).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_png_without_image_data_is_corrupt() =>
        ProfilePhotoInspector.Inspect(PngSample.Build([PngSample.Header(64, 64), PngSample.End])).ShouldBeRejectedAs(PhotoProblem.Corrupt);

    [Fact]
    public void A_chunk_length_past_the_end_is_corrupt()
    {
        var png = PngSample.Photo(64, 64);
        png[PngSample.Signature.Length] = 0x7F;

        ProfilePhotoInspector.Inspect(png).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Theory]
    [InlineData(8, 1)] // RGB needs 8 or 16 bits
    [InlineData(8, 5)] // no such colour type
    [InlineData(16, 3)] // palettes have at most 8 bits
    public void An_impossible_colour_setting_is_corrupt(byte bitDepth, byte colourType)
    {
        var png = PngSample.Build([PngSample.Header(64, 64, bitDepth, colourType), PngSample.ImageData(64, 64), PngSample.End]);

        ProfilePhotoInspector.Inspect(png).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void An_unknown_critical_chunk_is_corrupt()
    {
        var png = PngSample.Photo(64, 64, PngSample.Chunk("ZZZZ", Encoding.ASCII.GetBytes("decoders must stop")));

        ProfilePhotoInspector.Inspect(png).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }
}
