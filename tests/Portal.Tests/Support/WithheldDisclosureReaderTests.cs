using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

/// <summary>
/// While a prohibition on notice stands, every reader of audit events and disclosures that the person or their
/// organisation reaches shows nothing of the request; staff still see it, and once it is lifted the person does too.
/// </summary>
public sealed class WithheldDisclosureReaderTests : AppTest
{
    private const string Agent = "support@portal.test";
    private const string Member = "member@acme.test";
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string Requester = "Metropolitan Police";
    private const string Reason = "Court order forbids notice until 2027";

    // The test clock starts on Sunday 22 November 2026, 09:00 UTC; weekly digests of that week go on Monday at 06:00.
    private static readonly TimeSpan UntilMondayAtSix = TimeSpan.FromHours(21);

    [Fact]
    public async Task No_reader_the_person_or_their_organisation_reaches_shows_a_withheld_request()
    {
        var memberId = await Factory.UserIdAsync(Member);
        await ProfileChangedAsync(memberId);
        var requestId = await RecordWithheldAsync(memberId);

        (await ActivityAsync(Member)).ShouldAllBe(a => !a.Action.StartsWith("disclosure.", StringComparison.Ordinal));
        (await ActivityAsync(Member)).Count.ShouldBe(1);
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<DashboardService>().GetSummaryAsync())!.RecentActivity.Count.ShouldBe(1);
            (await scope.ServiceProvider.GetRequiredService<Disclosures>().MineAsync()).ShouldBeEmpty();
        }

        foreach (var administrator in new[] { Owner, Admin })
        {
            using var scope = await Factory.ScopeForSessionAsync(administrator, Guid.NewGuid());
            var events = await scope.ServiceProvider.GetRequiredService<OrganisationAuditLog>().PageAsync(new());
            events.ShouldAllBe(e => !e.Action.StartsWith("disclosure.", StringComparison.Ordinal) && (e.Target == null || !e.Target.Contains(Requester)));
            var export = (await scope.ServiceProvider.GetRequiredService<MemberDataExport>().ExportAsync(memberId)).Export!;
            export.ShouldNotBeNull();
        }

        Factory.Time.Advance(UntilMondayAtSix);
        await RunDigestsAsync();
        var digest = (await Factory.ToAsync(Member)).Where(m => m.Category == EmailCategory.Digest).ShouldHaveSingleItem();
        digest.TextBody.ShouldContain("3 things happened:"); // the profile change and the two exports
        ShouldNotMention(await ReadAsync(Member, "/account/privacy"));
        ShouldNotMention(await ReadAsync(Member, "/account/activity"));
        ShouldNotMention(await ReadAsync(Member, "/"));
        ShouldNotMention(await ReadAsync(Owner, "/")); // the organisation's recent events on the home page
        ShouldNotMention(await ReadAsync(Owner, "/organisation/audit.csv"));
        ShouldNotMention(await ReadAsync(Owner, "/organisation/audit"), Requester, Reason);
        ShouldNotMention(await ReadAsync(Owner, $"/organisation/members/{memberId}/export"));
        ShouldNotMention(await ReadAsync(Owner, $"/organisation/members/{memberId}"));

        await using (var db = Factory.CreateDbContext())
        {
            foreach (var message in await db.OutboxMessages.ToListAsync())
            {
                ShouldNotMention(message.Subject + message.TextBody + message.HtmlBody);
            }
        }

        using (var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid()))
        {
            var staffView = await scope.ServiceProvider.GetRequiredService<PlatformAuditLog>().PageAsync(new(Action: AuditActions.DisclosureRecorded));
            staffView.ShouldHaveSingleItem().Target!.ShouldContain(Reason);
            staffView[0].Target!.ShouldContain(requestId.ToString());
        }
    }

    [Fact]
    public async Task Once_the_notice_is_lifted_the_person_is_told_and_sees_it_in_their_activity()
    {
        var memberId = await Factory.UserIdAsync(Member);
        var requestId = await RecordWithheldAsync(memberId);

        using (var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid()))
        {
            (await scope.ServiceProvider.GetRequiredService<Disclosures>().LiftProhibitionAsync(requestId)).ShouldBe(DisclosureOutcome.Notified);
        }

        (await ActivityAsync(Member)).ShouldHaveSingleItem().Action.ShouldBe(AuditActions.DisclosureNoticeLifted);
        (await ReadAsync(Member, "/account/privacy")).ShouldContain(Requester);
        (await Factory.ToAsync(Member)).ShouldHaveSingleItem().HtmlBody.ShouldContain(Requester);
        ShouldNotMention(await ReadAsync(Owner, "/organisation/audit.csv"), Reason);
    }

    private static void ShouldNotMention(string text, params string[] secrets)
    {
        foreach (var secret in secrets.Length > 0 ? secrets : [Requester, Reason, "Disclosure request recorded", AuditActions.DisclosureRecorded, "request to disclose"])
        {
            text.ShouldNotContain(secret, Case.Insensitive);
        }
    }

    private async Task<Guid> RecordWithheldAsync(string memberId)
    {
        using var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid());
        var disclosures = scope.ServiceProvider.GetRequiredService<Disclosures>();
        (await disclosures.RecordAsync(memberId, new DisclosureForm
        {
            Requester = Requester,
            LegalBasis = "Production order 12/2026",
            ReceivedOn = Factory.Time.GetUtcNow().UtcDateTime.Date,
            Disclosed = "Name and email address",
            NoticeProhibited = true,
            ProhibitionReason = Reason,
        })).ShouldBe(DisclosureOutcome.NoticeWithheld);
        return (await disclosures.WithheldAsync()).Single().Id;
    }

    private async Task ProfileChangedAsync(string memberId)
    {
        using var scope = Factory.Services.CreateScope();
        await using var db = Factory.CreateDbContext();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(db, new AuditRecord(AuditActions.ProfileUpdated, SubjectId: memberId, ActorId: memberId));
    }

    private async Task<IReadOnlyList<ActivityItem>> ActivityAsync(string email)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<DashboardService>().GetActivityAsync(null);
    }

    private async Task<string> ReadAsync(string email, string path)
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(email);
        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task RunDigestsAsync()
    {
        var sender = Factory.Services.GetRequiredService<DigestSender>();
        while (await sender.RunOnceAsync() > 0)
        {
        }
    }
}
