using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Privacy;

namespace Portal.Tests.Privacy;

/// <summary>A legal hold keeps a closed account's information, archived and sealed, past its deletion, until the hold ends.</summary>
public sealed class LegalHoldTests : AppTest
{
    private const string Member = "member@acme.test";
    private const string Support = "support@portal.test";
    private const string PlatformAdmin = "admin@portal.test";

    [Fact]
    public async Task A_held_account_is_archived_when_deleted_opened_only_by_platform_admin_and_the_archive_goes_when_the_hold_is_lifted()
    {
        var memberId = await Factory.UserIdAsync(Member);
        (await AsAsync(Support, h => h.PlaceAsync(memberId, new LegalHoldForm { Reason = "Litigation about invoices", Reference = "CASE-7" }))).ShouldBe(LegalHoldOutcome.Placed);
        await CloseAsync(Member);
        Later(TimeSpan.FromDays(31));

        (await Job.RunOnceAsync()).ShouldBe(1);
        (await Job.RunOnceAsync()).ShouldBe(0);

        Guid archiveId;
        await using (var db = Factory.CreateDbContext())
        {
            (await db.Users.AnyAsync(u => u.Id == memberId)).ShouldBeFalse();
            archiveId = (await db.HeldArchives.SingleAsync(a => a.UserId == memberId)).Id;
            (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.AccountArchived && e.SubjectId == null && e.Target == $"person {memberId}")).ShouldBe(1);
        }

        using (var support = new PortalClient(Factory))
        {
            await support.SignInAsync(Support);
            (await support.Http.GetAsync(new Uri($"/administration/archives/{archiveId}", UriKind.Relative))).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        }

        using (var admin = new PortalClient(Factory))
        {
            await admin.SignInAsync(PlatformAdmin);
            var response = await admin.Http.GetAsync(new Uri($"/administration/archives/{archiveId}", UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            await using var account = zip.GetEntry("account.json")!.Open();
            (await new StreamReader(account).ReadToEndAsync()).ShouldContain(Member);
        }

        await using (var db = Factory.CreateDbContext())
        {
            (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ArchiveRead)).ActorId.ShouldBe(await Factory.UserIdAsync(PlatformAdmin));
            var stored = (await db.HeldArchives.SingleAsync()).Content;
            stored.Take(2).ShouldNotBe("PK"u8.ToArray(), "the stored archive is sealed, not a readable ZIP");
        }

        var hold = (await AsAsync(Support, h => h.InForceAsync(memberId))).Single();
        (await AsAsync(Support, h => h.LiftAsync(hold.Id))).ShouldBe(LegalHoldOutcome.Lifted);
        (await Job.RunOnceAsync()).ShouldBe(1);

        await using var check = Factory.CreateDbContext();
        (await check.HeldArchives.CountAsync()).ShouldBe(0);
        (await check.LegalHolds.CountAsync()).ShouldBe(0);
        (await check.AuditEvents.CountAsync(e => e.Action == AuditActions.ArchiveDeleted && e.Target == $"person {memberId}")).ShouldBe(1);
    }

    [Fact]
    public async Task A_hold_is_never_shown_to_the_person_or_their_organisation_and_only_staff_place_one()
    {
        var memberId = await Factory.UserIdAsync(Member);
        await Should.ThrowAsync<UnauthorizedAccessException>(AsAsync("owner@acme.test", h => h.PlaceAsync(memberId, new LegalHoldForm { Reason = "r", Reference = "x" })));
        (await AsAsync(Support, h => h.PlaceAsync(memberId, new LegalHoldForm { Reason = " ", Reference = "CASE-1" }))).ShouldBe(LegalHoldOutcome.Invalid);
        (await AsAsync(Support, h => h.PlaceAsync(memberId, new LegalHoldForm { Reason = "Order", Reference = "CASE-1", EndsOn = Factory.Time.GetUtcNow().UtcDateTime.AddDays(-1) })))
            .ShouldBe(LegalHoldOutcome.Invalid);
        (await AsAsync(Support, h => h.PlaceAsync("no-such-person", new LegalHoldForm { Reason = "Order", Reference = "CASE-1" }))).ShouldBe(LegalHoldOutcome.NotFound);

        (await AsAsync(Support, h => h.PlaceAsync(memberId, new LegalHoldForm { Reason = "Order", Reference = "CASE-2" }))).ShouldBe(LegalHoldOutcome.Placed);

        await using var db = Factory.CreateDbContext();
        var placed = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.LegalHoldPlaced);
        placed.SubjectId.ShouldBeNull();
        placed.OrganisationId.ShouldBeNull();
        (await db.AuditEvents.AnyAsync(e => e.SubjectId == memberId && e.Action.Contains("hold"))).ShouldBeFalse();
        (await db.LegalHolds.CountAsync()).ShouldBe(1);
    }

    private ClosureJob Job => Factory.Services.GetRequiredService<ClosureJob>();

    private void Later(TimeSpan span) => Factory.Time.AdjustTime(Factory.Time.GetUtcNow() + span);

    private async Task CloseAsync(string email)
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(email);
        using var scope = await Factory.ScopeForSessionAsync(email, (await Factory.SessionsAsync(email))[^1].Id);
        (await scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync()).ShouldBe(ClosureOutcome.Closed);
    }

    private async Task<T> AsAsync<T>(string email, Func<LegalHolds, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<LegalHolds>());
    }
}
