using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Administration;
using Portal.Web.Tenancy;
using MudDialogProvider = MudBlazor.MudDialogProvider;
using MudPopoverProvider = MudBlazor.MudPopoverProvider;
using MudBlazor.Services;

namespace Portal.Tests.Administration;

public sealed class OutboxAdministrationTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DateTime Now => _factory.Time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_platform_admin_retries_a_dead_letter_which_is_queued_again_delivered_and_audited_once()
    {
        var id = await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered);
        _factory.Time.Advance(TimeSpan.FromHours(3));
        await using var scope = await ActingAsAsync("admin@portal.test");

        var outcome = await scope.ServiceProvider.GetRequiredService<OutboxAdministration>().RetryAsync(id);

        outcome.ShouldBe(RetryOutcome.Retried);
        await using var db = _factory.CreateDbContext();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.Attempts.ShouldBe(0);
        row.NextAttemptAt.ShouldBe(Now);
        var adminId = await db.Users.Where(u => u.Email == "admin@portal.test").Select(u => u.Id).SingleAsync();
        var audited = await db.AuditEvents.Where(e => e.Action == AuditActions.EmailRetried).ToListAsync();
        var entry = audited.ShouldHaveSingleItem();
        entry.Target.ShouldBe(id.ToString());
        entry.ActorId.ShouldBe(adminId);
        entry.ChangedFields.ShouldBe("Status,Attempts,NextAttemptAt");
        (await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(1);
        _factory.Service<PickupDirectoryTransport>().Find(id).ShouldNotBeNull().To.ShouldBe("bounced@example.test");
    }

    [Fact]
    public async Task Dead_letters_are_listed_newest_first_one_keyset_page_at_a_time_without_gaps_or_repeats()
    {
        var dead = new List<Guid>();
        for (var batch = 0; batch < 11; batch++)
        {
            // Five per batch share a creation time, so paging must break ties on the id.
            for (var i = 0; i < 5; i++)
            {
                dead.Add(await QueueAsync($"dead{batch}-{i}@example.test", "Dead", OutboxStatus.DeadLettered));
            }

            _factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var retrying = await QueueAsync("retrying@example.test", "Retrying", OutboxStatus.Pending, attempts: 2);
        await QueueAsync("fresh@example.test", "Fresh", OutboxStatus.Pending);
        await QueueAsync("sent@example.test", "Sent", OutboxStatus.Sent, attempts: 1);
        await using var scope = await ActingAsAsync("admin@portal.test");
        var administration = scope.ServiceProvider.GetRequiredService<OutboxAdministration>();

        var first = await administration.ListAsync(OutboxView.DeadLettered);
        var second = await administration.ListAsync(OutboxView.DeadLettered, first[^1]);
        var third = await administration.ListAsync(OutboxView.DeadLettered, second[^1]);

        first.Count.ShouldBe(OutboxAdministration.PageSize);
        second.Count.ShouldBe(55 - OutboxAdministration.PageSize);
        third.ShouldBeEmpty();
        var listed = first.Concat(second).ToList();
        listed.Select(e => e.Id).ShouldBe(dead, ignoreOrder: true);
        listed.Select(e => e.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        listed[0].To.ShouldStartWith("dead10-");
        listed[^1].To.ShouldStartWith("dead0-");
        (await administration.ListAsync(OutboxView.Retrying)).ShouldHaveSingleItem().Id.ShouldBe(retrying);
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    public async Task Anyone_but_Portal_staff_is_refused_and_nothing_changes(string email)
    {
        var id = await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered);
        await using var scope = await ActingAsAsync(email);
        var administration = scope.ServiceProvider.GetRequiredService<OutboxAdministration>();

        await Should.ThrowAsync<UnauthorizedAccessException>(() => administration.RetryAsync(id));
        await Should.ThrowAsync<UnauthorizedAccessException>(() => administration.ListAsync(OutboxView.DeadLettered));

        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.SingleAsync(m => m.Id == id)).Status.ShouldBe(OutboxStatus.DeadLettered);
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.EmailRetried)).ShouldBeFalse();
    }

    [Fact]
    public async Task Retrying_a_sent_or_unknown_message_answers_not_found_and_records_nothing()
    {
        var sent = await QueueAsync("sent@example.test", "Sent", OutboxStatus.Sent, attempts: 1);
        await using var scope = await ActingAsAsync("admin@portal.test");
        var administration = scope.ServiceProvider.GetRequiredService<OutboxAdministration>();

        (await administration.RetryAsync(sent)).ShouldBe(RetryOutcome.NotFound);
        (await administration.RetryAsync(Guid.CreateVersion7())).ShouldBe(RetryOutcome.NotFound);

        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.SingleAsync(m => m.Id == sent)).Status.ShouldBe(OutboxStatus.Sent);
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.EmailRetried)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("admin@portal.test")]
    [InlineData("support@portal.test")]
    public async Task The_outbox_page_shows_dead_letters_with_a_retry_button_to_staff(string staff)
    {
        await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered, error: "550 Mailbox unavailable");
        using var client = new PortalClient(_factory);
        await client.SignInAsync(staff);

        var response = await client.Http.GetAsync(new Uri("/administration/outbox", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Undelivered email");
        html.ShouldContain("data-testid=\"outbox-grid\"");

        // The grid asks for its rows once the page is live; the retry test below reads them there.
    }

    [Fact]
    public async Task The_outbox_page_lists_the_error_and_a_named_retry_button_once_live()
    {
        await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered, error: "550 Mailbox unavailable");
        await using var scope = await ActingAsAsync("support@portal.test");
        await using var page = new BunitContext();
        page.JSInterop.Mode = JSRuntimeMode.Loose;
        page.Services.AddLocalization();
        page.Services.AddMudServices();
        page.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<OutboxAdministration>());
        page.Render<MudPopoverProvider>();
        var rendered = page.Render<DeadLettersPage>();

        rendered.WaitForAssertion(() => rendered.Find("[data-testid=outbox-grid]").TextContent.ShouldContain("550 Mailbox unavailable"));
        rendered.Find("button[aria-label='Retry “Your receipt” to bounced@example.test']").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_outbox_page_sends_an_organisation_member_to_access_denied_without_showing_messages()
    {
        await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered);
        using var client = new PortalClient(_factory);
        await client.SignInAsync("member@acme.test");

        var response = await client.Http.GetAsync(new Uri("/administration/outbox", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("bounced@example.test");
        var page = await client.GetStringAsync(response.Headers.Location!.PathAndQuery);
        page.ShouldContain("Access denied");
        page.ShouldNotContain("outbox-grid");
        page.ShouldNotContain("bounced@example.test");
    }

    [Fact]
    public async Task The_outbox_page_sends_an_anonymous_visitor_to_sign_in()
    {
        using var client = new PortalClient(_factory);

        var response = await client.Http.GetAsync(new Uri("/administration/outbox", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("Account/Login");
    }

    [Fact]
    public async Task Pressing_retry_on_the_page_queues_the_message_says_so_and_removes_the_row()
    {
        var id = await QueueAsync("bounced@example.test", "Your receipt", OutboxStatus.DeadLettered);
        await QueueAsync("other@example.test", "Other receipt", OutboxStatus.DeadLettered);
        await using var scope = await ActingAsAsync("admin@portal.test");
        await using var page = new BunitContext();
        page.JSInterop.Mode = JSRuntimeMode.Loose;
        page.Services.AddLocalization();
        page.Services.AddMudServices();
        page.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<OutboxAdministration>());
        page.Render<MudPopoverProvider>();
        var dialogs = page.Render<MudDialogProvider>();
        var rendered = page.Render<DeadLettersPage>();
        rendered.WaitForAssertion(() => rendered.Find("[data-testid=outbox-grid]").TextContent.ShouldContain("bounced@example.test"));

        // The retry waits for the person's answer in the dialog, so its click completes only after the confirmation.
        var retrying = rendered.Find("button[aria-label='Retry “Your receipt” to bounced@example.test']").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm]"));
        await dialogs.Find("[data-testid=confirm]").ClickAsync(new MouseEventArgs());
        await retrying.WaitAsync(TimeSpan.FromSeconds(30));

        rendered.WaitForAssertion(() => rendered.Find("[data-testid=outbox-status]").TextContent.ShouldContain("The message to bounced@example.test is queued again"));
        rendered.WaitForAssertion(() => rendered.Find("[data-testid=outbox-grid]").TextContent.ShouldNotContain("bounced@example.test"));
        var grid = rendered.Find("[data-testid=outbox-grid]").TextContent;
        grid.ShouldNotContain("bounced@example.test");
        grid.ShouldContain("other@example.test");
        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.SingleAsync(m => m.Id == id)).Status.ShouldBe(OutboxStatus.Pending);
    }

    /// <summary>A scope whose current user is the given person, as the circuit handler would set it.</summary>
    private async Task<AsyncServiceScope> ActingAsAsync(string email)
    {
        var scope = _factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        services.GetRequiredService<CurrentUser>().Principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        return scope;
    }

    private async Task<Guid> QueueAsync(string to, string subject, OutboxStatus status, int attempts = 0, string? error = null)
    {
        await using var db = _factory.CreateDbContext();
        var message = _factory.Service<Outbox>().Add(db, to, new RenderedEmail(subject, $"<p>{subject}</p>", subject), EmailCategory.AccountSecurity);
        message.Status = status;
        message.Attempts = status == OutboxStatus.DeadLettered ? 8 : attempts;
        message.LastError = status == OutboxStatus.Sent || message.Attempts == 0 ? null : error ?? "550 Mailbox unavailable";
        await db.SaveChangesAsync();
        return message.Id;
    }
}
