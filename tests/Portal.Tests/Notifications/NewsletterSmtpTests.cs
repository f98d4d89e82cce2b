using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Email;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>A newsletter written in the console reaches a real SMTP server on loopback with its one-click unsubscribe.</summary>
public sealed class NewsletterSmtpTests : IAsyncLifetime
{
    private LoopbackSmtpServer _smtp = null!;
    private PortalFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await LoopbackSmtpServer.StartAsync();
        _factory = new PortalFactory()
            .With("Email:Transport", "Smtp")
            .With("Email:Smtp:Host", "127.0.0.1")
            .With("Email:Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture))
            .With("Portal:BaseUrl", "https://portal.test/");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task A_newsletter_is_delivered_over_smtp_with_rfc_8058_headers_only_to_those_who_chose_it()
    {
        using (var member = await _factory.ScopeForSessionAsync("member@acme.test", Guid.NewGuid()))
        {
            await member.ServiceProvider.GetRequiredService<NotificationSettings>().SetMineAsync(EmailCategory.Newsletter, true);
        }

        using (var admin = await _factory.ScopeForSessionAsync("admin@portal.test", Guid.NewGuid()))
        {
            var (outcome, _) = await admin.ServiceProvider.GetRequiredService<Announcements>().QueueAsync(new AnnouncementForm
            {
                Category = EmailCategory.Newsletter, Subject = "Portal in December", Body = "What is **new**.",
            });
            outcome.ShouldBe(AnnouncementOutcome.Queued);
        }

        var sender = _factory.Services.GetRequiredService<AnnouncementSender>();
        while (await sender.RunOnceAsync() > 0)
        {
        }

        while (await _factory.Service<OutboxDelivery>().DeliverDueAsync() > 0)
        {
        }

        var received = _smtp.Received().ShouldHaveSingleItem();
        received.RcptTos.ShouldBe(["member@acme.test"]);
        received.Header("Subject").ShouldBe("Portal in December");
        received.Header("List-Unsubscribe")!.ShouldStartWith("<https://portal.test/unsubscribe/one-click?token=");
        received.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        received.Part("text/html").ShouldContain("<strong>new</strong>");
        received.Part("text/plain").ShouldContain("https://portal.test/unsubscribe?token=");
    }
}
