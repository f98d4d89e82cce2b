using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Email;

namespace Portal.Tests.Email;

public sealed class SmtpTransportTests : IAsyncLifetime
{
    private LoopbackSmtpServer _smtp = null!;
    private PortalFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _smtp = await LoopbackSmtpServer.StartAsync();
        _factory = new PortalFactory { SeedDemoData = false }
            .With("Email:Transport", "Smtp")
            .With("Email:Smtp:Host", "127.0.0.1")
            .With("Email:Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task The_smtp_transport_delivers_subject_recipient_text_and_html_parts_and_extra_headers()
    {
        _factory.Service<IEmailTransport>().ShouldBeOfType<SmtpTransport>();
        const string Subject = "Bienvenue à Portal : confirmez votre adresse";
        const string Link = "https://portal.test/Account/ConfirmEmail?code=xyz";
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://portal.test/unsubscribe?token=abc>, <mailto:unsubscribe@portal.test?subject=abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        var email = new RenderedEmail(Subject, $"<p>Bonjour Zoë,</p><p><a href=\"{Link}\">Confirmer</a></p>", $"Bonjour Zoë,\n\nConfirmer ({Link})");
        var id = await QueueAsync("zoe@example.test", email, headers);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(1);

        var received = _smtp.Received().ShouldHaveSingleItem();
        received.MailFrom.ShouldBe("no-reply@portal.test");
        received.RcptTos.ShouldBe(["zoe@example.test"]);
        received.Header("To")!.ShouldContain("zoe@example.test");
        received.Header("Subject").ShouldBe(Subject);
        received.Header("Message-ID").ShouldBe($"<{id:N}@portal>");
        received.Header("List-Unsubscribe").ShouldBe(headers["List-Unsubscribe"]);
        received.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        received.ContentType.ShouldBe("multipart/alternative");
        received.Part("text/plain").ShouldContain($"Confirmer ({Link})");
        received.Part("text/plain").ShouldContain("Bonjour Zoë,");
        received.Part("text/html").ShouldContain($"<a href=\"{Link}\">Confirmer</a>");
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_kept_for_retry_with_the_servers_answer()
    {
        var id = await QueueAsync("refused@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.Received().ShouldBeEmpty();
        var row = await RowAsync(id);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldNotBeNull().ShouldContain("No such mailbox here");
    }

    private async Task<Guid> QueueAsync(string to, RenderedEmail email, IReadOnlyDictionary<string, string>? headers = null)
    {
        await using var db = _factory.CreateDbContext();
        var id = _factory.Service<Outbox>().Add(db, to, email, EmailCategory.Promotional, headers).Id;
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = _factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
