using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;

namespace Portal.Tests.Notifications;

/// <summary>The digest job on the test clock: when each digest goes, what it holds, and who never gets one.</summary>
public sealed class DigestTests : AppTest
{
    private const string Member = "member@acme.test";
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string GlobexOwner = "owner@globex.test";
    private const string Weekly = "Your week in Portal";
    private const string Monthly = "Your month in Portal";

    // The test clock starts on Sunday 22 November 2026, 09:00 UTC: the week of 16–22 November is under way.
    private static readonly TimeSpan UntilMondayAtSix = TimeSpan.FromHours(21);

    [Fact]
    public async Task The_weekly_digest_goes_once_after_the_week_ends_and_lists_what_happened()
    {
        await RecordAsync(Member, AuditActions.ProfileUpdated);
        await RecordAsync(Member, AuditActions.SignedIn);

        await RunAsync();
        Factory.Time.Advance(UntilMondayAtSix - TimeSpan.FromMinutes(1));
        await RunAsync();
        (await DigestsToAsync(Member)).ShouldBeEmpty();

        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await RunAsync();
        await RunAsync();

        var digest = (await DigestsToAsync(Member)).ShouldHaveSingleItem();
        digest.Subject.ShouldBe(Weekly);
        digest.TextBody.ShouldContain("from 16 November to 22 November 2026");
        digest.TextBody.ShouldContain("2 things happened");
        digest.TextBody.ShouldContain("Profile changed");
        digest.HtmlBody.ShouldContain("https://localhost/account/activity");
        OutboxHeaders.Read(digest)["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        await using var db = Factory.CreateDbContext();
        var memberId = await Factory.UserIdAsync(Member);
        var deliveries = await db.DigestDeliveries.Where(d => d.UserId == memberId).OrderBy(d => d.Period).ToListAsync();
        deliveries.Select(d => (d.Period, d.Sent)).ShouldBe([("W2026-46", false), ("W2026-47", true)]);
    }

    [Fact]
    public async Task A_digest_lists_only_the_person_s_own_activity()
    {
        await RecordAsync(Member, AuditActions.ProfileUpdated);
        await RecordAsync(Owner, AuditActions.SignedIn);
        await RecordAsync(GlobexOwner, AuditActions.SignedIn);
        await RecordAsync(GlobexOwner, AuditActions.SignedIn);

        Factory.Time.Advance(UntilMondayAtSix);
        await RunAsync();

        var members = (await DigestsToAsync(Member)).ShouldHaveSingleItem();
        members.TextBody.ShouldContain("1 thing happened");
        members.TextBody.ShouldNotContain("Signed in");
        (await DigestsToAsync(Owner)).ShouldHaveSingleItem().TextBody.ShouldContain("1 thing happened");
        (await DigestsToAsync(GlobexOwner)).ShouldHaveSingleItem().TextBody.ShouldContain("2 things happened");
    }

    [Fact]
    public async Task Nobody_gets_a_digest_of_a_quiet_week_or_one_they_turned_off_limited_or_changed_to_monthly()
    {
        await ChooseAsync(Owner, form => form.Digest = DigestFrequency.Off);
        await ChooseAsync(Admin, form => form.LimitDataUse = true);
        await ChooseAsync(Member, form => form.Digest = DigestFrequency.Monthly);

        Factory.Time.Advance(UntilMondayAtSix);
        await RunAsync();

        foreach (var person in new[] { Owner, Admin, Member, GlobexOwner })
        {
            (await DigestsToAsync(person)).ShouldBeEmpty();
        }

        await using (var db = Factory.CreateDbContext())
        {
            var quiet = await db.DigestDeliveries.SingleAsync(d => d.UserId == db.Users.Single(u => u.Email == GlobexOwner).Id);
            quiet.Sent.ShouldBeFalse();
        }

        // 1 December, 06:00 UTC: November is over.
        Factory.Time.Advance(TimeSpan.FromDays(8));
        await RunAsync();

        (await DigestsToAsync(Member)).ShouldHaveSingleItem().Subject.ShouldBe(Monthly);
        (await DigestsToAsync(Owner)).ShouldBeEmpty();
        (await DigestsToAsync(Admin)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_digest_is_written_in_the_person_s_language()
    {
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
            var profile = await profiles.GetMineAsync();
            profile.Language = "fr";
            (await profiles.UpdateMineAsync(profile)).Succeeded.ShouldBeTrue();
        }

        Factory.Time.Advance(UntilMondayAtSix);
        await RunAsync();

        var digest = (await Factory.ToAsync(Member)).ShouldHaveSingleItem();
        digest.Subject.ShouldBe("Votre semaine sur Portal");
        digest.TextBody.ShouldContain("Profil modifié");
    }

    [Fact]
    public async Task A_restricted_account_or_an_unconfirmed_address_gets_no_digest()
    {
        await RecordAsync(Member, AuditActions.ProfileUpdated);
        await RecordAsync(Owner, AuditActions.ProfileUpdated);
        await using (var db = Factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == Owner).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
            await db.MembersOfEveryOrganisation().Where(m => m.User!.Email == Member)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, Portal.Web.Features.Organisations.MemberStatus.Restricted));
        }

        Factory.Time.Advance(UntilMondayAtSix);
        await RunAsync();

        (await DigestsToAsync(Member)).ShouldBeEmpty();
        (await DigestsToAsync(Owner)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-11-23T05:59:00Z", DigestFrequency.Weekly, "W2026-46", "2026-11-09", "2026-11-16")]
    [InlineData("2026-11-23T06:00:00Z", DigestFrequency.Weekly, "W2026-47", "2026-11-16", "2026-11-23")]
    [InlineData("2026-11-29T23:00:00Z", DigestFrequency.Weekly, "W2026-47", "2026-11-16", "2026-11-23")]
    [InlineData("2027-01-04T07:00:00Z", DigestFrequency.Weekly, "W2026-53", "2026-12-28", "2027-01-04")]
    [InlineData("2026-12-01T05:00:00Z", DigestFrequency.Monthly, "M2026-10", "2026-10-01", "2026-11-01")]
    [InlineData("2026-12-01T06:00:00Z", DigestFrequency.Monthly, "M2026-11", "2026-11-01", "2026-12-01")]
    [InlineData("2027-01-15T12:00:00Z", DigestFrequency.Monthly, "M2026-12", "2026-12-01", "2027-01-01")]
    public void The_latest_due_period_is_the_last_one_finished_before_the_sending_hour(string now, DigestFrequency frequency, string key, string from, string to)
    {
        var period = DigestPeriod.LatestDue(frequency, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        period.Key.ShouldBe(key);
        period.From.ShouldBe(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        period.To.ShouldBe(DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        period.From.Kind.ShouldBe(DateTimeKind.Utc);
    }

    private async Task RunAsync()
    {
        var sender = Factory.Services.GetRequiredService<DigestSender>();
        while (await sender.RunOnceAsync() > 0)
        {
        }
    }

    private async Task<IReadOnlyList<Portal.Web.Email.OutboxMessage>> DigestsToAsync(string email) =>
        [.. (await Factory.ToAsync(email)).Where(m => m.Category == EmailCategory.Digest)];

    private async Task RecordAsync(string email, string action)
    {
        var userId = await Factory.UserIdAsync(email);
        using var scope = Factory.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Portal.Web.Data.PortalDbContext>>().CreateDbContext();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(db, new AuditRecord(action, SubjectId: userId, ActorId: userId));
    }

    private async Task ChooseAsync(string email, Action<NotificationForm> change)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        var settings = scope.ServiceProvider.GetRequiredService<NotificationSettings>();
        var form = await settings.GetMineAsync();
        change(form);
        (await settings.SaveMineAsync(form)).ShouldBe(NotificationChange.Saved);
    }
}
