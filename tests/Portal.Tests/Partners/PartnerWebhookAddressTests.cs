using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Partners;

namespace Portal.Tests.Partners;

/// <summary>With private receivers not allowed (as outside Development), webhooks reach only public addresses.</summary>
public sealed class PartnerWebhookAddressTests : AppTest
{
    private const string Member = "member@acme.test";

    public override Task InitializeAsync()
    {
        Factory.With("Partners:AllowPrivateWebhookAddresses", "false");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Saving_a_webhook_address_on_a_local_private_or_metadata_network_is_refused()
    {
        var (id, _) = await Factory.AddPartnerAsync();
        using var scope = await Factory.ScopeForSessionAsync(PartnerHarness.Admin, Guid.NewGuid());
        var partners = scope.ServiceProvider.GetRequiredService<PartnerDirectory>();

        foreach (var webhook in new[]
        {
            "https://127.0.0.1/hooks", "http://127.0.0.1:5999/hooks", "https://localhost/hooks", "https://10.1.2.3/", "https://172.20.0.1/",
            "https://192.168.0.10/", "https://169.254.169.254/latest/meta-data", "https://100.64.1.1/", "https://0.0.0.0/",
            "https://[::1]/", "https://[fd00:ec2::254]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/",
        })
        {
            (await partners.CreateAsync(PartnerHarness.Form("other", webhook))).Outcome.ShouldBe(PartnerOutcome.AddressNotAllowed, webhook);
            (await partners.UpdateAsync(id, PartnerHarness.Form(webhook: webhook))).ShouldBe(PartnerOutcome.AddressNotAllowed, webhook);
        }

        await using var db = Factory.CreateDbContext();
        (await db.Partners.SingleAsync()).WebhookUrl.ShouldBe(PartnerHarness.Form().WebhookUrl);
    }

    [Fact]
    public async Task A_name_that_later_resolves_to_loopback_gets_no_request_when_sending()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await Factory.AddPartnerAsync();
        await using (var db = Factory.CreateDbContext())
        {
            // The address was public when saved; its name now points at this machine.
            var rebound = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri.ToString();
            await db.Partners.Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.WebhookUrl, rebound));
        }

        await Factory.JoinedThroughAsync(Member, id);
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SetMineAsync(EmailCategory.Promotional, false);
        }

        await Factory.Service<OutboxDelivery>().DeliverDueAsync();

        receiver.Requests.ShouldBeEmpty();
        await using var check = Factory.CreateDbContext();
        var message = await check.OutboxMessages.SingleAsync(m => m.Kind == OutboxKind.Webhook);
        message.Status.ShouldNotBe(OutboxStatus.Sent);
        message.LastError.ShouldNotBeNull().ShouldContain("not a public address");
    }
}
