using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

public sealed class DisclosureTests : AppTest
{
    private const string Agent = "support@portal.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task A_recorded_request_is_told_to_the_person_by_email_and_on_their_privacy_page()
    {
        (await RecordAsync(Form())).ShouldBe(DisclosureOutcome.Notified);

        var email = (await Factory.ToAsync(Member)).Single();
        email.Subject.ShouldBe("We received a request to disclose your information");
        email.HtmlBody.ShouldContain("Metropolitan Police");
        (await MineAsync(Member)).Single().LegalBasis.ShouldBe("Production order 12/2026");
        (await MineAsync("admin@acme.test")).ShouldBeEmpty();
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        (await client.GetStringAsync("/account/privacy")).ShouldContain("Metropolitan Police");
        await using var db = Factory.CreateDbContext();
        var recorded = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.DisclosureRecorded);
        recorded.ActorId.ShouldBe(await Factory.UserIdAsync(Agent));
        recorded.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
    }

    [Fact]
    public async Task A_prohibited_notice_is_withheld_until_staff_lift_it_and_the_person_is_told_then()
    {
        var form = Form();
        form.NoticeProhibited = true;
        form.ProhibitionReason = "Court order forbids notice until 2027";

        (await RecordAsync(form)).ShouldBe(DisclosureOutcome.NoticeWithheld);

        (await Factory.ToAsync(Member)).ShouldBeEmpty();
        (await MineAsync(Member)).ShouldBeEmpty();
        var withheld = (await StaffAsync(d => d.WithheldAsync())).Single();
        withheld.Person.ShouldBe(Member);
        withheld.NoticeProhibitedBecause.ShouldBe("Court order forbids notice until 2027");

        (await StaffAsync(d => d.LiftProhibitionAsync(withheld.Id))).ShouldBe(DisclosureOutcome.Notified);

        (await Factory.ToAsync(Member)).Count.ShouldBe(1);
        (await MineAsync(Member)).Count.ShouldBe(1);
        (await StaffAsync(d => d.WithheldAsync())).ShouldBeEmpty();
        (await StaffAsync(d => d.LiftProhibitionAsync(withheld.Id))).ShouldBe(DisclosureOutcome.NotFound);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.DisclosureNoticeLifted)).ShouldBe(1);
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.DisclosureRecorded)).Target!.ShouldContain("notice withheld");
    }

    [Fact]
    public async Task An_incomplete_or_impossible_record_is_refused_and_nothing_is_kept()
    {
        var future = Form();
        future.ReceivedOn = Factory.Time.GetUtcNow().UtcDateTime.AddDays(2);
        var noReason = Form();
        noReason.NoticeProhibited = true;
        var blank = Form();
        blank.Requester = "";

        (await RecordAsync(future)).ShouldBe(DisclosureOutcome.Invalid);
        (await RecordAsync(noReason)).ShouldBe(DisclosureOutcome.Invalid);
        (await RecordAsync(blank)).ShouldBe(DisclosureOutcome.Invalid);
        (await StaffAsync(d => d.RecordAsync("no-such-person", Form()))).ShouldBe(DisclosureOutcome.NotFound);

        await using var db = Factory.CreateDbContext();
        (await db.DisclosureRequests.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    public async Task Only_staff_record_or_review_disclosures(string actor)
    {
        var memberId = await Factory.UserIdAsync(Member);
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        var disclosures = scope.ServiceProvider.GetRequiredService<Disclosures>();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => disclosures.RecordAsync(memberId, Form()));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => disclosures.WithheldAsync());
    }

    private DisclosureForm Form() => new()
    {
        Requester = "Metropolitan Police",
        LegalBasis = "Production order 12/2026",
        ReceivedOn = Factory.Time.GetUtcNow().UtcDateTime.Date,
        Disclosed = "Name, email address and sign-in history for November 2026",
    };

    private async Task<DisclosureOutcome> RecordAsync(DisclosureForm form)
    {
        var memberId = await Factory.UserIdAsync(Member);
        return await StaffAsync(d => d.RecordAsync(memberId, form));
    }

    private async Task<T> StaffAsync<T>(Func<Disclosures, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(Agent, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<Disclosures>());
    }

    private async Task<IReadOnlyList<DisclosureView>> MineAsync(string email)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<Disclosures>().MineAsync();
    }
}
