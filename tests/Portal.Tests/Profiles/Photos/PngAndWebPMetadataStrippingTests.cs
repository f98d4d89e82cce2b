using System.Buffers.Binary;
using System.Text;
using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

public sealed class PngAndWebPMetadataStrippingTests
{
    [Fact]
    public void The_stored_png_has_no_text_exif_or_time_chunks_but_keeps_its_image_and_colour_chunks()
    {
        var physicalSize = PngSample.Chunk("pHYs", [0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]);
        var gamma = PngSample.Chunk("gAMA", [0, 0, 0xB1, 0x8F]);
        var original = PngSample.Photo(
            48,
            48,
            gamma,
            PngSample.Text("Comment", "GPS-SECRET-51.5N"),
            PngSample.Chunk("zTXt", Encoding.Latin1.GetBytes("Author\0\0compressed")),
            PngSample.Chunk("iTXt", Encoding.UTF8.GetBytes("Location\0\0\0en\0\0Reading")),
            PngSample.Chunk("eXIf", [.. "MM\0*"u8, 0, 0, 0, 8]),
            PngSample.Chunk("tIME", [0x07, 0xE9, 5, 17, 9, 30, 0]),
            physicalSize);

        var stored = ProfilePhotoInspector.Inspect(original).ShouldBeAccepted().Bytes;

        stored.ShouldBe([.. PngSample.Signature, .. PngSample.Header(48, 48), .. gamma, .. physicalSize, .. PngSample.ImageData(48, 48), .. PngSample.End]);
        stored.ContainsAscii("GPS-SECRET-51.5N").ShouldBeFalse();
        foreach (var type in new[] { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" })
        {
            stored.ContainsAscii(type).ShouldBeFalse(type);
        }

        ProfilePhotoInspector.Inspect(stored).ShouldBeAccepted().Bytes.ShouldBe(stored);
    }

    [Fact]
    public void The_stored_webp_has_no_exif_or_xmp_and_its_header_matches_what_is_left()
    {
        var original = WebPSample.ExtendedWithMetadata(64, 64);

        var stored = ProfilePhotoInspector.Inspect(original).ShouldBeAccepted().Bytes;

        stored.ContainsAscii(WebPSample.GpsSecret).ShouldBeFalse();
        stored.ContainsAscii("EXIF").ShouldBeFalse();
        stored.ContainsAscii("XMP ").ShouldBeFalse();
        stored.ContainsAscii("ICCP").ShouldBeTrue();
        BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(4)).ShouldBe((uint)(stored.Length - 8));
        stored[20].ShouldBe((byte)0x20, "only the ICC profile flag is left");
        stored.ShouldBe(WebPSample.Riff(
            WebPSample.Extended(64, 64, flags: 0x20),
            WebPSample.Chunk("ICCP", "fake-icc"u8),
            WebPSample.Lossless(64, 64)));
    }

    [Fact]
    public void A_simple_webp_keeps_only_its_bitstream()
    {
        var bitstream = WebPSample.Lossy(64, 64);
        var original = WebPSample.Riff(bitstream, WebPSample.Chunk("EXIF", "GPS-SECRET-51.5N"u8));

        var stored = ProfilePhotoInspector.Inspect(original).ShouldBeAccepted().Bytes;

        stored.ShouldBe(WebPSample.Riff(bitstream));
    }

    [Fact]
    public void Bytes_after_the_declared_riff_end_are_dropped()
    {
        var webp = WebPSample.Riff(WebPSample.Lossless(64, 64));

        var stored = ProfilePhotoInspector.Inspect([.. webp, .. "GPS-SECRET-51.5N"u8]).ShouldBeAccepted().Bytes;

        stored.ShouldBe(webp);
    }
}
