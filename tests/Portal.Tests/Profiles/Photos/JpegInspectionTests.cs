using Portal.Web.Features.Profiles.Photos;
using static Portal.Tests.Profiles.Photos.JpegSample;

namespace Portal.Tests.Profiles.Photos;

public sealed class JpegInspectionTests
{
    [Theory]
    [InlineData(0xC0)]
    [InlineData(0xC1)]
    [InlineData(0xC2)]
    [InlineData(0xC3)]
    [InlineData(0xC5)]
    [InlineData(0xC6)]
    [InlineData(0xC7)]
    [InlineData(0xC9)]
    [InlineData(0xCA)]
    [InlineData(0xCB)]
    [InlineData(0xCD)]
    [InlineData(0xCE)]
    [InlineData(0xCF)]
    public void The_size_comes_from_any_start_of_frame_marker(byte marker)
    {
        var jpeg = Build(QuantisationTable, Frame(300, 200, marker), HuffmanTables, Scan(300, 200));

        var photo = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((300, 200));
    }

    [Fact]
    public void Huffman_and_arithmetic_table_segments_before_the_frame_are_not_mistaken_for_it()
    {
        // DHT (C4) and DAC (CC) sit in the C0–CF range; their payloads here would read as 16x0 or 1x1 if taken for a frame.
        var jpeg = Build(HuffmanTables, Segment(0xCC, [0x00, 0x01, 0x01, 0x01, 0x01, 0x01]), QuantisationTable, Frame(128, 96), Scan(128, 96));

        var photo = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((128, 96));
    }

    [Fact]
    public void Fill_bytes_and_standalone_markers_between_segments_are_walked_over()
    {
        byte[] fill = [0xFF, 0xFF, 0xFF];
        byte[] tem = [0xFF, 0x01];
        byte[] restart = [0xFF, 0xD3];
        var jpeg = Build(fill, QuantisationTable, tem, restart, fill, Frame(64, 64), HuffmanTables, Scan(64, 64));

        var photo = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted();

        (photo.Width, photo.Height).ShouldBe((64, 64));
        photo.Bytes[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
    }

    [Fact]
    public void Every_truncation_of_a_jpeg_is_corrupt()
    {
        var jpeg = Photo(64, 48);

        for (var length = 3; length < jpeg.Length; length++)
        {
            ProfilePhotoInspector.Inspect(jpeg.AsSpan(0, length)).Problem.ShouldBe(PhotoProblem.Corrupt, $"cut at {length} of {jpeg.Length}");
        }
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0001)]
    [InlineData(0x7FFF)]
    [InlineData(0xFFFF)]
    public void A_segment_length_that_is_impossible_or_runs_past_the_end_is_corrupt(int length)
    {
        var jpeg = Photo(64, 48);
        var dqt = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xDB });
        jpeg[dqt + 2] = (byte)(length >> 8);
        jpeg[dqt + 3] = (byte)length;

        ProfilePhotoInspector.Inspect(jpeg).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void Garbage_where_a_marker_should_be_is_corrupt()
    {
        var jpeg = Build(QuantisationTable, [0x12, 0x34], Frame(64, 64), HuffmanTables, Scan(64, 64));

        ProfilePhotoInspector.Inspect(jpeg).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_scan_without_a_frame_header_before_it_is_corrupt()
    {
        var jpeg = Build(QuantisationTable, HuffmanTables, Scan(64, 64), Frame(64, 64));

        ProfilePhotoInspector.Inspect(jpeg).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_frame_header_with_no_height_is_corrupt()
    {
        var jpeg = Build(QuantisationTable, Frame(64, 0), HuffmanTables, Scan(64, 64));

        ProfilePhotoInspector.Inspect(jpeg).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void An_end_of_image_before_any_scan_is_corrupt()
    {
        byte[] jpeg = [0xFF, 0xD8, .. QuantisationTable, .. Frame(64, 64), 0xFF, 0xD9];

        ProfilePhotoInspector.Inspect(jpeg).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }

    [Fact]
    public void A_progressive_image_with_tables_between_its_scans_is_followed_to_its_end()
    {
        // Stuffed FF 00 bytes and a restart marker in the first scan, a DHT and a second scan after it.
        byte[] firstScan = [.. Segment(0xDA, [1, 1, 0x00, 0, 0, 0]), 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
        byte[] secondScan = [.. Segment(0xDA, [1, 1, 0x00, 1, 63, 0]), 0x00, 0x00];
        var jpeg = Build(QuantisationTable, Frame(256, 256, 0xC2), HuffmanTables, firstScan, HuffmanTables, secondScan);

        var photo = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted();

        photo.Bytes.ShouldBe(jpeg);
        ProfilePhotoInspector.Inspect(jpeg.AsSpan(..^1)).ShouldBeRejectedAs(PhotoProblem.Corrupt);
    }
}
