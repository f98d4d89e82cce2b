using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Profiles;

namespace Portal.Tests.Profiles;

public sealed class ProfileServiceTests : AppTest
{
    [Fact]
    public async Task Saving_stores_the_fields_and_audits_the_names_of_those_that_changed()
    {
        var result = await Factory.EditProfileAsync("member@acme.test", p =>
        {
            p.FirstName = "Mía-Ñoño";
            p.Phone = "+44 (0)20 7946-0958";
            p.Country = "GB";
            p.TimeZone = "Europe/London";
            p.Bio = "Line one\nLine two";
        });

        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Values));
        result.ChangedFields.ShouldBe(["FirstName", "Phone", "Country", "TimeZone", "Bio"], ignoreOrder: true);
        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "member@acme.test");
        user.FirstName.ShouldBe("Mía-Ñoño");
        (await db.Profiles.SingleAsync(p => p.UserId == user.Id)).Phone.ShouldBe("+442079460958");
        var audited = await db.AuditEvents.SingleAsync(e => e.SubjectId == user.Id && e.Action == AuditActions.ProfileUpdated);
        audited.ChangedFields!.Split(',').ShouldBe(["FirstName", "Phone", "Country", "TimeZone", "Bio"], ignoreOrder: true);
        audited.ChangedFields.ShouldNotContain("7946");
        audited.OrganisationId.ShouldBe(await db.Organisations.Where(o => o.Slug == "acme").Select(o => (Guid?)o.Id).SingleAsync());
    }

    [Fact]
    public async Task Saving_without_changes_writes_nothing()
    {
        var result = await Factory.EditProfileAsync("member@acme.test", _ => { });

        result.Succeeded.ShouldBeTrue();
        result.ChangedFields.ShouldBeEmpty();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ProfileUpdated)).ShouldBe(0);
    }

    [Theory]
    [InlineData("Username", "ab", "3 to 30")]
    [InlineData("Username", "has space", "3 to 30")]
    [InlineData("Username", "Admin", "reserved")]
    [InlineData("Phone", "020 7946 0958", "international format")]
    [InlineData("Phone", "+12", "international format")]
    [InlineData("Country", "XX", "Choose a country")]
    [InlineData("TimeZone", "Mars/Olympus", "Choose a time zone")]
    [InlineData("Language", "tlh", "Choose a language")]
    [InlineData("DisplayName", "Mia\u200BMember", "invisible")]
    [InlineData("LastName", "Member\u202Egnp.exe", "invisible")]
    [InlineData("JobTitle", "Tab\there", "invisible")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(string field, string value, string message)
    {
        var result = await Factory.EditProfileAsync("member@acme.test", p =>
        {
            p.City = "Leeds";
            typeof(ProfileForm).GetProperty(field)!.SetValue(p, value);
        });

        result.Succeeded.ShouldBeFalse();
        result.Errors[field].ShouldContain(message);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Over_long_input_is_refused()
    {
        var result = await Factory.EditProfileAsync("member@acme.test", p => p.Bio = new string('x', 501));

        result.Errors["Bio"].ShouldContain("at most 500");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_username_is_unique_without_regard_to_case()
    {
        (await Factory.EditProfileAsync("owner@acme.test", p => p.Username = "Olivia")).Succeeded.ShouldBeTrue();

        var taken = await Factory.EditProfileAsync("member@acme.test", p => p.Username = "olivia");

        taken.Errors["Username"].ShouldContain("taken");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task Being_contacted_by_phone_needs_a_phone_number()
    {
        var result = await Factory.EditProfileAsync("member@acme.test", p => p.PreferredContact = ContactChannel.Phone);

        result.Errors["Phone"].ShouldContain("Add a phone number");
    }

    [Fact]
    public async Task Search_indexing_is_only_kept_for_a_public_page()
    {
        (await Factory.EditProfileAsync("member@acme.test", p => { p.Visibility = ProfileVisibility.Organisation; p.AllowSearchIndexing = true; })).Succeeded.ShouldBeTrue();

        await using var db = Factory.CreateDbContext();
        (await db.Profiles.SingleAsync()).AllowSearchIndexing.ShouldBeFalse();
    }

    private async Task AssertUnchangedAsync()
    {
        await using var db = Factory.CreateDbContext();
        (await db.Profiles.AnyAsync(p => p.User!.Email == "member@acme.test")).ShouldBeFalse();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ProfileUpdated && e.SubjectId != null && e.ChangedFields!.Contains("City"))).ShouldBe(0);
    }
}
