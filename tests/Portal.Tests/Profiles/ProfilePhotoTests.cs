using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Tests.Profiles.Photos;
using Portal.Web.Audit;
using Portal.Web.Features.Profiles;
using SkiaSharp;

namespace Portal.Tests.Profiles;

public sealed class ProfilePhotoTests : AppTest
{
    public override async Task InitializeAsync() =>
        (await Factory.EditProfileAsync("member@acme.test", p => { p.Username = "mia"; p.Visibility = ProfileVisibility.Public; })).Succeeded.ShouldBeTrue();

    [Fact]
    public async Task A_photo_is_served_from_the_portal_with_its_checked_content_type_and_never_sniffed()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", TestImages.Png(64, 48))).Succeeded.ShouldBeTrue();
        using var client = new PortalClient(Factory);

        var response = await client.Http.GetAsync(new Uri("/u/mia/photo", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
        (await client.GetStringAsync("/u/mia")).ShouldContain("src=\"u/mia/photo?v=");
    }

    [Fact]
    public async Task Location_and_camera_details_are_gone_from_the_stored_copy_of_a_jpeg()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", CraftedPhotos.JpegWithGpsAndXmp(1600, 1200))).Succeeded.ShouldBeTrue();

        await using var db = Factory.CreateDbContext();
        var stored = await db.ProfilePhotos.SingleAsync();
        stored.ContentType.ShouldBe("image/webp");
        (stored.Width, stored.Height).ShouldBe((512, 384));
        Encoding.ASCII.GetString(stored.Content).ShouldNotContain(CraftedPhotos.GpsSecret);
        Encoding.ASCII.GetString(stored.Content).ShouldNotContain(CraftedPhotos.XmpSecret);
        Encoding.ASCII.GetString(stored.Content, 0, 12).ShouldStartWith("RIFF");
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
    public async Task A_picture_declaring_50000_by_50000_pixels_is_refused_with_a_clear_message_and_nothing_stored()
    {
        var bomb = CraftedPhotos.PngClaiming(TestImages.Png(64, 64), 50_000, 50_000);

        var result = await Factory.UploadPhotoAsync("member@acme.test", bomb);

        result.Succeeded.ShouldBeFalse();
        result.Error.ShouldBe("That image has too many pixels: at most 10,000 on a side and 40 megapixels in all. Please choose a smaller one.");
        await AssertNoPhotoAsync();
    }

    [Fact]
    public async Task Every_crafted_upload_is_stored_or_refused_with_a_message_and_never_throws()
    {
        (byte[] Content, bool Stored)[] uploads =
        [
            (CraftedPhotos.JpegWithGpsAndXmp(120, 80), true), (CraftedPhotos.PngWithProfileAndText(64, 64), true),
            (CraftedPhotos.JpegWithOrientation(80, 40, 6), true), (CraftedPhotos.JpegFollowedByHtml(64, 64), true),
            (CraftedPhotos.PngFollowedByZip(64, 64), true), (CraftedPhotos.CmykJpeg(64, 64), true),
            (CraftedPhotos.AnimatedWebP(64, 64, SKColors.Lime, SKColors.Magenta), true), (CraftedPhotos.WebPWithExifAndXmp(64, 64), true),
            (CraftedPhotos.JpegClaiming(TestImages.Jpeg(64, 64), 50_000, 50_000), false), (TestImages.Jpeg(200, 200)[..700], false),
            (CraftedPhotos.Gif, false),
        ];

        foreach (var (content, stored) in uploads)
        {
            var result = await Factory.UploadPhotoAsync("member@acme.test", content);

            result.Succeeded.ShouldBe(stored);
            if (!stored)
            {
                result.Error.ShouldNotBeNullOrWhiteSpace();
                result.Error.ShouldNotStartWith("Photo_");
            }
        }

        await using var db = Factory.CreateDbContext();
        (await db.ProfilePhotos.SingleAsync()).ContentType.ShouldBe("image/webp");
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ProfilePhotoChanged)).ShouldBe(uploads.Count(u => u.Stored));
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_without_being_stored()
    {
        var huge = TestImages.Png(64, 64).Concat(new byte[2 * 1024 * 1024]).ToArray();

        var result = await Factory.UploadPhotoAsync("member@acme.test", huge);

        result.Error.ShouldBe("That file is larger than 2 MB. Please choose a smaller photo.");
        await AssertNoPhotoAsync();
    }

    [Fact]
    public async Task A_removed_photo_is_gone_and_the_removal_audited()
    {
        (await Factory.UploadPhotoAsync("member@acme.test", TestImages.Png(64, 48))).Succeeded.ShouldBeTrue();
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
        (await Factory.UploadPhotoAsync("member@acme.test", TestImages.Png(64, 48))).Succeeded.ShouldBeTrue();
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
