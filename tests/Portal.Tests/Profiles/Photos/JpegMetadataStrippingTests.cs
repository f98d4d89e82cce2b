using Portal.Web.Features.Profiles.Photos;
using static Portal.Tests.Profiles.Photos.JpegSample;

namespace Portal.Tests.Profiles.Photos;

public sealed class JpegMetadataStrippingTests
{
    [Fact]
    public void The_stored_jpeg_has_no_exif_gps_position_or_comment_but_keeps_its_image_segments()
    {
        var original = Photo(64, 48);
        original.ContainsAscii(GpsSecret).ShouldBeTrue();

        var stored = ProfilePhotoInspector.Inspect(original).ShouldBeAccepted().Bytes;

        stored.ContainsAscii(GpsSecret).ShouldBeFalse();
        stored.ContainsAscii(CommentText).ShouldBeFalse();
        stored.ContainsBytes(0xFF, 0xFE).ShouldBeFalse();
        stored[..3].ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
        stored.ContainsBytes(QuantisationTable).ShouldBeTrue();
        stored.ContainsBytes(Frame(64, 48)).ShouldBeTrue();
        stored.ContainsBytes(HuffmanTables).ShouldBeTrue();
        stored.ContainsBytes(Scan(64, 48)).ShouldBeTrue();
        stored[^2..].ShouldBe(new byte[] { 0xFF, 0xD9 });
        stored.Length.ShouldBeLessThan(original.Length);
    }

    [Fact]
    public void The_stored_jpeg_is_itself_a_valid_photo_that_stripping_no_longer_changes()
    {
        var stored = ProfilePhotoInspector.Inspect(Photo(64, 48)).ShouldBeAccepted().Bytes;

        var again = ProfilePhotoInspector.Inspect(stored).ShouldBeAccepted();

        (again.Width, again.Height).ShouldBe((64, 48));
        again.Bytes.ShouldBe(stored);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_the_orientation_survives_from_the_exif(bool littleEndian)
    {
        var jpeg = Build(Exif(orientation: 6, littleEndian), QuantisationTable, Frame(64, 48), HuffmanTables, Scan(64, 48));

        var stored = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted().Bytes;

        byte[] minimalExif =
        [
            0xFF, 0xE1, 0x00, 0x22, .. "Exif\0\0MM\0*"u8, 0, 0, 0, 8,
            0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
            0, 0, 0, 0,
        ];
        stored[2..].ShouldBe([.. minimalExif, .. QuantisationTable, .. Frame(64, 48), .. HuffmanTables, .. Scan(64, 48), 0xFF, 0xD9]);
    }

    [Fact]
    public void An_upright_photo_keeps_no_exif_at_all()
    {
        var jpeg = Build(Exif(orientation: 1), Xmp("<rdf:Description photoshop:City=\"Reading\"/>"), QuantisationTable, Frame(64, 48), HuffmanTables, Scan(64, 48));

        var stored = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted().Bytes;

        stored.ContainsBytes(0xFF, 0xE1).ShouldBeFalse();
        stored.ContainsAscii("Reading").ShouldBeFalse();
    }

    [Fact]
    public void The_jfif_header_is_kept_without_its_thumbnail()
    {
        var stored = ProfilePhotoInspector.Inspect(Photo(64, 48)).ShouldBeAccepted().Bytes;

        byte[] jfifWithoutThumbnail = [0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 0, 0];
        stored[2..20].ShouldBe(jfifWithoutThumbnail);
        stored.ContainsBytes(0xAB, 0xCD, 0xEF).ShouldBeFalse();
    }

    [Fact]
    public void The_colour_profile_is_kept_and_other_application_segments_are_dropped()
    {
        var jpeg = Build(IccProfile(), Segment(0xE2, "MPF\0secondary image"u8), Segment(0xED, "Photoshop 3.0\0caption"u8),
            QuantisationTable, Frame(64, 48), HuffmanTables, Scan(64, 48));

        var stored = ProfilePhotoInspector.Inspect(jpeg).ShouldBeAccepted().Bytes;

        stored.ContainsBytes(IccProfile()).ShouldBeTrue();
        stored.ContainsAscii("MPF").ShouldBeFalse();
        stored.ContainsAscii("Photoshop").ShouldBeFalse();
    }

    [Fact]
    public void Bytes_after_the_end_of_the_image_are_dropped()
    {
        // Multi-picture files append further images, each with its own EXIF, after the first one's EOI.
        var photo = Build(QuantisationTable, Frame(64, 48), HuffmanTables, Scan(64, 48));
        byte[] content = [.. photo, .. Build(Exif(orientation: 1), QuantisationTable, Frame(8, 8), HuffmanTables, Scan(8, 8))];

        var stored = ProfilePhotoInspector.Inspect(content).ShouldBeAccepted().Bytes;

        stored.ShouldBe(photo);
        stored.ContainsAscii(GpsSecret).ShouldBeFalse();
    }
}
