using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Tests.Profiles.Photos;
using Portal.Web.Audit;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Profiles;

public sealed class ProfilePhotoTests : AppTest
{
    public override async Task InitializeAsync() =>
        (await Factory.EditProfileAsync("member@acme.test", p => { p.Username = "mia"; p.Visibility = ProfileVisibility.Public; })).Succeeded.ShouldBeTrue();

    [Fact]
    public async Task A_photo_is_served_from_the_portal_with_its_checked_content_type_and_never_sniffed()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", PngSample.Photo(64, 48))).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(Factory);

        var response = await client.Http.GetAsync(new Uri("/u/mia/photo", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
        (await client.GetStringAsync("/u/mia")).ShouldContain("src=\"u/mia/photo?v=");
    }

    [Fact]
    public async Task Location_and_camera_details_are_removed_before_a_jpeg_is_stored()
    {
        var withGps = JpegSample.Build(JpegSample.Jfif(), JpegSample.Segment(0xE1, [.. "Exif\0\0"u8, .. Encoding.ASCII.GetBytes("GPS-SECRET-51.5N")]),
            JpegSample.QuantisationTable, JpegSample.Frame(64, 64), JpegSample.HuffmanTables, JpegSample.Scan(64, 64));

        (await Factory.UploadPhotoAsync("member@acme.test", withGps)).Succeeded.ShouldBeTrue();

        await using var db = Factory.CreateDbContext();
        var stored = await db.ProfilePhotos.SingleAsync();
        stored.ContentType.ShouldBe("image/jpeg");
        Encoding.ASCII.GetString(stored.Content).ShouldNotContain("GPS-SECRET");
        stored.Content[..2].ShouldBe(new byte[] { 0xFF, 0xD8 });
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ProfilePhotoChanged)).ChangedFields.ShouldBe("Photo");
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_with_a_clear_message_and_nothing_stored()
    {
        byte[] executable = [.. "MZ"u8, .. new byte[510]];

        var result = await Factory.UploadPhotoAsync("member@acme.test", executable);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBe("That file is not a photo. Choose a JPEG, PNG or WebP image.");
        await AssertNoPhotoAsync();
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_without_being_stored()
    {
        var huge = PngSample.Photo(64, 64).Concat(new byte[2 * 1024 * 1024]).ToArray();

        var result = await Factory.UploadPhotoAsync("member@acme.test", huge);

        result.Error.ShouldBe("That file is larger than 2 MB. Please choose a smaller photo.");
        await AssertNoPhotoAsync();
    }

    [Fact]
    public async Task A_removed_photo_is_gone_and_the_removal_audited()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", PngSample.Photo(64, 48))).Succeeded.ShouldBeTrue();
        using (var scope = await Factory.ScopeForAsync("member@acme.test"))
        {
            (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<ProfilePhotoService>(scope.ServiceProvider).RemoveMineAsync()).ShouldBeTrue();
        }

        using var client = new PortalClient(Factory);
        (await client.Http.GetAsync(new Uri("/u/mia/photo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetStringAsync("/u/mia")).ShouldNotContain("u/mia/photo");
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ProfilePhotoRemoved)).ShouldBe(1);
    }

    [Fact]
    public async Task The_photo_of_a_hidden_profile_is_not_served()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", PngSample.Photo(64, 48))).Succeeded.ShouldBeTrue();
        (await Factory.EditProfileAsync("member@acme.test", p => p.Visibility = ProfileVisibility.Private)).Succeeded.ShouldBeTrue();
        using var stranger = new PortalClient(Factory);
        await stranger.SignInAsync("owner@globex.test");

        (await stranger.Http.GetAsync(new Uri("/u/mia/photo", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task AssertNoPhotoAsync()
    {
        await using var db = Factory.CreateDbContext();
        (await db.ProfilePhotos.AnyAsync()).ShouldBeFalse();
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ProfilePhotoChanged)).ShouldBeFalse();
    }
}
