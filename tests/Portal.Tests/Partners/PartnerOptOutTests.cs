using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Partners;

namespace Portal.Tests.Partners;

/// <summary>A person who joined through a partner opts out of promotions: the partner is told once, signed, retried, audited.</summary>
public sealed class PartnerOptOutTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Opting_out_of_promotions_queues_one_webhook_with_only_the_address_in_the_same_change()
    {
        var (id, _) = await Factory.AddPartnerAsync();
        await Factory.JoinedThroughAsync(Member, id);

        await SetPromotionsAsync(Member, false);
        await SetPromotionsAsync(Member, false);
        await SetPromotionsAsync(Member, true);

        var webhook = (await WebhooksAsync()).ShouldHaveSingleItem();
        webhook.To.ShouldBe("acme-leads");
        webhook.Subject.ShouldBe(PartnerOptOuts.EventType);
        using var body = JsonDocument.Parse(webhook.TextBody);
        body.RootElement.GetProperty("type").GetString().ShouldBe("promotions.opted_out");
        var data = body.RootElement.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).ShouldBe(["email", "opted_out_at"]);
        data.GetProperty("email").GetString().ShouldBe(Member);
        await using var db = Factory.CreateDbContext();
        var queued = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PartnerOptOutQueued);
        queued.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
        queued.Target.ShouldBe("Acme Leads");
    }

    [Fact]
    public async Task Nobody_is_told_of_someone_who_did_not_join_through_a_partner()
    {
        await Factory.AddPartnerAsync();
        await using (var db = Factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == Member).ExecuteUpdateAsync(u => u.SetProperty(x => x.PromotionalEmailOptIn, true));
        }

        await SetPromotionsAsync(Member, false);

        (await WebhooksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Limiting_data_use_and_the_one_click_unsubscribe_tell_the_partner_too()
    {
        var (id, _) = await Factory.AddPartnerAsync();
        await Factory.JoinedThroughAsync(Member, id);
        await Factory.JoinedThroughAsync("owner@acme.test", id);
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            var settings = scope.ServiceProvider.GetRequiredService<NotificationSettings>();
            var form = await settings.GetMineAsync();
            form.LimitDataUse = true;
            (await settings.SaveMineAsync(form)).ShouldBe(NotificationChange.Saved);
        }

        var token = Factory.Service<UnsubscribeTokens>().Create(await Factory.UserIdAsync("owner@acme.test"), EmailCategory.Promotional);
        using var anonymous = new PortalClient(Factory);
        var response = await anonymous.Http.PostAsync(new Uri($"/unsubscribe/one-click?token={Uri.EscapeDataString(token)}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var told = (await WebhooksAsync()).Select(m => JsonDocument.Parse(m.TextBody).RootElement.GetProperty("data").GetProperty("email").GetString()).ToList();
        told.ShouldBe([Member, "owner@acme.test"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_webhook_is_signed_retried_after_refusals_accepted_once_and_its_delivery_is_audited()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: 2);
        var (id, secret) = await Factory.AddPartnerAsync(PartnerHarness.Form(webhook: receiver.Url));
        await Factory.JoinedThroughAsync(Member, id);
        await SetPromotionsAsync(Member, false);
        var delivery = Factory.Service<OutboxDelivery>();

        (await delivery.DeliverDueAsync()).ShouldBe(1);
        Factory.Time.Advance(OutboxDelivery.Backoff(1));
        (await delivery.DeliverDueAsync()).ShouldBe(1);
        Factory.Time.Advance(OutboxDelivery.Backoff(2));
        (await delivery.DeliverDueAsync()).ShouldBe(1);
        Factory.Time.Advance(TimeSpan.FromHours(2));
        (await delivery.DeliverDueAsync()).ShouldBe(0);

        var requests = receiver.Requests.ToList();
        requests.Select(r => r.Accepted).ShouldBe([false, false, true]);
        requests.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        requests.Select(r => r.Body).Distinct().ShouldHaveSingleItem().ShouldContain(Member);
        foreach (var request in requests)
        {
            request.ContentType.ShouldNotBeNull().ShouldStartWith("application/json");
            var timestamp = long.Parse(request.Timestamp, CultureInfo.InvariantCulture);
            request.Signature.ShouldBe(WebhookSignature.Sign(secret, request.Id, timestamp, request.Body));
            request.Signature.ShouldNotBe(WebhookSignature.Sign(WebhookSignature.NewSecret(), request.Id, timestamp, request.Body));
        }

        var message = (await WebhooksAsync()).ShouldHaveSingleItem();
        (message.Status, message.Attempts).ShouldBe((OutboxStatus.Sent, 3));
        await using var db = Factory.CreateDbContext();
        var delivered = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PartnerOptOutDelivered);
        delivered.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));
        delivered.Target.ShouldBe("Acme Leads");
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_ends_in_the_dead_letters_for_staff_to_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refuseFirst: int.MaxValue);
        var (id, _) = await Factory.AddPartnerAsync(PartnerHarness.Form(webhook: receiver.Url));
        await Factory.JoinedThroughAsync(Member, id);
        await SetPromotionsAsync(Member, false);
        var delivery = Factory.Service<OutboxDelivery>();

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            await delivery.DeliverDueAsync();
            Factory.Time.Advance(OutboxDelivery.Backoff(attempt));
        }

        var message = (await WebhooksAsync()).ShouldHaveSingleItem();
        message.Status.ShouldBe(OutboxStatus.DeadLettered);
        message.LastError.ShouldNotBeNull().ShouldContain("503");
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.PartnerOptOutDelivered)).ShouldBeFalse();
    }

    private async Task SetPromotionsAsync(string email, bool on)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SetMineAsync(EmailCategory.Promotional, on);
    }

    private async Task<List<OutboxMessage>> WebhooksAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.OutboxMessages.Where(m => m.Kind == OutboxKind.Webhook).OrderBy(m => m.CreatedAt).ToListAsync();
    }
}
