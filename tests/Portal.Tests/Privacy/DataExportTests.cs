using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Tests.Support;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Privacy;

namespace Portal.Tests.Privacy;

/// <summary>A person's copy of their own data: asked for, prepared in the background, downloaded once, deleted after a week.</summary>
public sealed class DataExportTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task A_copy_is_prepared_in_the_background_emailed_downloaded_once_and_audited()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        (await RequestAsync(Member)).Outcome.ShouldBe(DataExportRequestOutcome.Queued);
        (await MineAsync(Member)).Status.ShouldBe(DataExportStatus.Queued);
        (await Job.RunOnceAsync()).ShouldBeGreaterThan(0);

        var ready = await MineAsync(Member);
        ready.Status.ShouldBe(DataExportStatus.Ready);
        ready.Progress.ShouldBe(100);
        ready.ExpiresAt.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime + TimeSpan.FromDays(7));
        await using (var db = Factory.CreateDbContext())
        {
            var mail = await db.OutboxMessages.SingleAsync(m => m.To == Member && m.Subject == "Your copy of your Portal data is ready");
            mail.TextBody.ShouldContain("https://localhost/account/privacy");
        }

        var response = await client.Http.GetAsync(new Uri($"/account/data-export/{ready.Id}", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)).ShouldBe(ready.Sha256);
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            zip.GetEntry("manifest.json").ShouldNotBeNull();
        }

        (await client.Http.GetAsync(new Uri($"/account/data-export/{ready.Id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MineAsync(Member)).Status.ShouldBe(DataExportStatus.Downloaded);
        await using (var db = Factory.CreateDbContext())
        {
            (await db.DataExportFiles.CountAsync()).ShouldBe(0);
            var userId = await Factory.UserIdAsync(Member);
            (await db.AuditEvents.Where(e => e.SubjectId == userId && e.Action.StartsWith("account.data_export")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync())
                .ShouldBe([AuditActions.DataExportRequested, AuditActions.DataExported, AuditActions.DataExportDownloaded]);
        }
    }

    [Fact]
    public async Task Asking_needs_a_sign_in_within_five_minutes()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        (await RequestAsync(Member)).Outcome.ShouldBe(DataExportRequestOutcome.NotRecentlySignedIn);
        (await MineAsync(Member)).RecentlySignedIn.ShouldBeFalse();
        await using var db = Factory.CreateDbContext();
        (await db.DataExports.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task One_copy_a_day_and_the_page_says_when_the_next_is_possible()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var requestedAt = Factory.Time.GetUtcNow().UtcDateTime;
        (await RequestAsync(Member)).Outcome.ShouldBe(DataExportRequestOutcome.Queued);
        (await RequestAsync(Member)).Outcome.ShouldBe(DataExportRequestOutcome.AlreadyInProgress);
        await Job.RunOnceAsync();

        var again = await RequestAsync(Member);
        again.Outcome.ShouldBe(DataExportRequestOutcome.TooSoon);
        again.NextAllowedAt.ShouldBe(requestedAt + TimeSpan.FromHours(24));
        (await MineAsync(Member)).NextAllowedAt.ShouldBe(requestedAt + TimeSpan.FromHours(24));

        Factory.Time.AdjustTime(Factory.Time.GetUtcNow() + TimeSpan.FromHours(24));
        using var later = new PortalClient(Factory);
        await later.SignInAsync(Member);
        (await RequestAsync(Member)).Outcome.ShouldBe(DataExportRequestOutcome.Queued);
    }

    [Fact]
    public async Task A_copy_nobody_downloads_is_deleted_after_seven_days()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await RequestAsync(Member);
        await Job.RunOnceAsync();
        var id = (await MineAsync(Member)).Id;

        // Moves the clock without firing every two-second timer of the week in between; the job reads the clock itself.
        Factory.Time.AdjustTime(Factory.Time.GetUtcNow() + TimeSpan.FromDays(7));
        await Job.RunOnceAsync();

        await using var db = Factory.CreateDbContext();
        (await db.DataExports.SingleAsync()).Status.ShouldBe(DataExportStatus.Expired);
        (await db.DataExportFiles.CountAsync()).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.DataExportExpired)).ShouldBe(1);
        using var again = new PortalClient(Factory);
        await again.SignInAsync(Member);
        (await again.Http.GetAsync(new Uri($"/account/data-export/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("admin@acme.test")]
    [InlineData("owner@globex.test")]
    public async Task Nobody_else_can_download_a_persons_copy_not_even_their_administrator(string other)
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);
        await RequestAsync(Member);
        await Job.RunOnceAsync();
        var id = (await MineAsync(Member)).Id;

        using var client = new PortalClient(Factory);
        await client.SignInAsync(other);
        (await client.Http.GetAsync(new Uri($"/account/data-export/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MineAsync(Member)).Status.ShouldBe(DataExportStatus.Ready);
    }

    [Fact]
    public async Task An_agent_acting_for_the_person_can_neither_ask_nor_download_and_the_attempt_is_audited()
    {
        var started = await Factory.StartAsync("support@portal.test", Member);
        using var scope = Factory.ScopeFor(started.Principal!);
        var exports = scope.ServiceProvider.GetRequiredService<DataExports>();

        await Should.ThrowAsync<AccountHolderOnlyException>(() => exports.RequestAsync());
        await Should.ThrowAsync<AccountHolderOnlyException>(() => exports.DownloadAsync(Guid.CreateVersion7()));

        await using var db = Factory.CreateDbContext();
        (await db.DataExports.CountAsync()).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationActionRefused && e.Target == AccountHolderActions.ExportData)).ShouldBe(2);
    }

    [Fact]
    public async Task Two_instances_prepare_each_copy_once()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await RequestAsync(Member);
        var otherInstance = ActivatorUtilities.CreateInstance<DataExportJob>(Factory.Services);

        await Task.WhenAll(Job.RunOnceAsync(), otherInstance.RunOnceAsync());

        await using var db = Factory.CreateDbContext();
        (await db.DataExportFiles.CountAsync()).ShouldBe(1);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.DataExported)).ShouldBe(1);
        (await db.OutboxMessages.CountAsync(m => m.To == Member && m.Subject == "Your copy of your Portal data is ready")).ShouldBe(1);
    }

    private DataExportJob Job => Factory.Services.GetRequiredService<DataExportJob>();

    private async Task<DataExportRequestResult> RequestAsync(string email)
    {
        using var scope = await ScopeAsync(email);
        return await scope.ServiceProvider.GetRequiredService<DataExports>().RequestAsync();
    }

    private async Task<DataExportView> MineAsync(string email)
    {
        using var scope = await ScopeAsync(email);
        return await scope.ServiceProvider.GetRequiredService<DataExports>().MineAsync();
    }

    /// <summary>Acts in the person's newest session, as their circuit would.</summary>
    private async Task<IServiceScope> ScopeAsync(string email) =>
        await Factory.ScopeForSessionAsync(email, (await Factory.SessionsAsync(email))[^1].Id);
}
