using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>The outbox delivered by the dispatcher through the MailKit transport to a real SMTP server on loopback.</summary>
public sealed class SmtpTransportTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _running = [];
    private LoopbackSmtpServer _smtp = null!;
    private PortalFactory _factory = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var running in _running)
        {
            await running.DisposeAsync();
        }

        _smtp?.Dispose();
    }

    [Fact]
    public async Task The_smtp_transport_delivers_subject_recipient_text_and_html_parts_and_extra_headers()
    {
        await StartAsync(settings: ("Portal:BaseUrl", "https://accounts.example.com/"));
        _factory.Service<IEmailTransport>().ShouldBeOfType<SmtpTransport>();
        const string Subject = "Bienvenue à Portal : confirmez votre adresse";
        const string Link = "https://portal.test/Account/ConfirmEmail?code=xyz";
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://portal.test/unsubscribe?token=abc>, <mailto:unsubscribe@portal.test?subject=abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        var email = new RenderedEmail(Subject, $"<p>Bonjour Zoë,</p><p><a href=\"{Link}\">Confirmer</a></p>", $"Bonjour Zoë,\n\nConfirmer ({Link})");
        var id = await QueueAsync("Zoë Durand <zoe@example.test>", email, headers);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(1);

        var received = _smtp.Received().ShouldHaveSingleItem();
        received.MailFrom.ShouldBe("no-reply@portal.test");
        received.RcptTos.ShouldBe(["zoe@example.test"]);
        received.Header("From").ShouldBe("Portal <no-reply@portal.test>");
        received.Header("To").ShouldBe("Zoë Durand <zoe@example.test>");
        received.Header("Subject").ShouldBe(Subject);
        received.Header("Message-ID").ShouldBe($"<{id:N}@accounts.example.com>");
        received.Header("Date").ShouldNotBeNull();
        received.Header("List-Unsubscribe").ShouldBe(headers["List-Unsubscribe"]);
        received.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        received.ContentType.ShouldBe("multipart/alternative");
        received.Part("text/plain").ShouldContain($"Confirmer ({Link})");
        received.Part("text/plain").ShouldContain("Bonjour Zoë,");
        received.Part("text/html").ShouldContain($"<a href=\"{Link}\">Confirmer</a>");
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_message_id_is_made_from_the_outbox_id_and_the_sender_domain_and_is_the_same_when_the_message_goes_again()
    {
        await StartAsync(settings: ("Portal:BaseUrl", ""));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));
        var delivery = _factory.Service<OutboxDelivery>();
        await delivery.DeliverDueAsync();

        // As when a host stops after sending but before recording: the lease runs out and the message goes again.
        await using (var db = _factory.CreateDbContext())
        {
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending));
        }

        await delivery.DeliverDueAsync();

        _smtp.Received().Select(m => m.Header("Message-ID")).ShouldBe([$"<{id:N}@portal.test>", $"<{id:N}@portal.test>"]);
    }

    [Fact]
    public async Task A_batch_is_sent_on_one_connection_when_one_message_is_sent_at_a_time()
    {
        await StartAsync(settings: ("Email:Concurrency", "1"));
        var ids = await QueueManyAsync(25);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(25);

        _smtp.Received().Count.ShouldBe(25);
        _smtp.Connections.ShouldBe(1);
        (await StatusesAsync(ids)).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_pass_opens_no_more_connections_than_the_messages_it_sends_at_once()
    {
        await StartAsync(settings: ("Email:Concurrency", "3"));
        var ids = await QueueManyAsync(60);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(60);

        _smtp.Received().Select(m => m.RcptTos.Single()).Order().ShouldBe(Enumerable.Range(1, 60).Select(i => $"person{i}@example.test").Order());
        _smtp.Connections.ShouldBeInRange(1, 3);
        (await StatusesAsync(ids)).ShouldAllBe(s => s == OutboxStatus.Sent);
    }

    [Fact]
    public async Task When_the_server_drops_the_connection_the_next_message_goes_out_on_a_new_one()
    {
        await StartAsync(new SmtpServerBehaviour { MessagesPerConnection = 2 }, ("Email:Concurrency", "1"));
        var ids = await QueueManyAsync(5);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(5);

        _smtp.Received().Select(m => m.Connection).ShouldBe([1, 1, 2, 2, 3]);
        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync())
            .ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.LastError == null);
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_kept_for_retry_with_the_servers_answer_and_the_connection_goes_on()
    {
        await StartAsync(settings: ("Email:Concurrency", "1"));
        var refused = await QueueAsync("refused@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        var accepted = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.Received().ShouldHaveSingleItem().RcptTos.ShouldBe(["zoe@example.test"]);
        _smtp.Connections.ShouldBe(1);
        var row = await RowAsync(refused);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldNotBeNull().ShouldContain("No such mailbox here");
        (await RowAsync(accepted)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_transport_signs_in_with_the_configured_user_name_and_password()
    {
        await StartAsync(new SmtpServerBehaviour { Credentials = ("portal", "s3cret pass") },
            ("Email:Smtp:UserName", "portal"), ("Email:Smtp:Password", "s3cret pass"));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.Received().ShouldHaveSingleItem();
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Wrong_credentials_keep_the_message_for_retry_with_the_servers_answer()
    {
        await StartAsync(new SmtpServerBehaviour { Credentials = ("portal", "right") },
            ("Email:Smtp:UserName", "portal"), ("Email:Smtp:Password", "wrong"));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.Received().ShouldBeEmpty();
        var row = await RowAsync(id);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.LastError.ShouldNotBeNull().ShouldContain("Authentication credentials invalid");
    }

    [Fact]
    public async Task Security_StartTls_refuses_to_send_to_a_server_that_does_not_offer_it()
    {
        await StartAsync(settings: ("Email:Smtp:Security", "StartTls"));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.Received().ShouldBeEmpty();
        var row = await RowAsync(id);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.LastError.ShouldNotBeNull().ShouldContain("STARTTLS");
    }

    [Fact]
    public async Task Security_None_sends_in_plain_text_without_asking_a_server_that_offers_tls()
    {
        await StartAsync(new SmtpServerBehaviour { OffersStartTls = true }, ("Email:Smtp:Security", "None"));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        await _factory.Service<OutboxDelivery>().DeliverDueAsync();

        _smtp.StartTlsRequests.ShouldBe(0);
        _smtp.Received().ShouldHaveSingleItem();
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_within_the_timeout_leaves_the_message_for_retry()
    {
        await StartAsync(new SmtpServerBehaviour { Silent = true }, ("Email:Smtp:Timeout", "00:00:00.300"));
        var id = await QueueAsync("zoe@example.test", new RenderedEmail("Hello", "<p>Hello</p>", "Hello"));

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(1);

        var row = await RowAsync(id);
        row.Status.ShouldBe(OutboxStatus.Pending);
        row.Attempts.ShouldBe(1);
        row.LastError.ShouldNotBeNull().ShouldContain("timed out", Case.Insensitive);
    }

    [Fact]
    public async Task A_subject_with_a_line_break_is_refused_when_queued_and_nothing_reaches_the_server()
    {
        await StartAsync();
        var injected = new RenderedEmail("Hello\r\nBcc: everyone@example.test", "<p>Hello</p>", "Hello");

        await Should.ThrowAsync<ArgumentException>(() => QueueAsync("zoe@example.test", injected));
        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(0);

        _smtp.Received().ShouldBeEmpty();
        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_old_EnableSsl_setting_stops_start_up_instead_of_being_ignored()
    {
        await StartAsync(settings: ("Email:Smtp:EnableSsl", "true"));

        Should.Throw<InvalidOperationException>(() => _factory.Services).Message.ShouldContain("Email:Smtp:Security");
    }

    private async Task StartAsync(SmtpServerBehaviour? behaviour = null, params (string Key, string Value)[] settings)
    {
        _smtp = await LoopbackSmtpServer.StartAsync(behaviour);
        _factory = new PortalFactory { SeedDemoData = false }
            .With("Email:Transport", "Smtp")
            .With("Email:Smtp:Host", "127.0.0.1")
            .With("Email:Smtp:Port", _smtp.Port.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings)
        {
            _factory.With(key, value);
        }

        _running.Add(_factory);
    }

    private async Task<Guid> QueueAsync(string to, RenderedEmail email, IReadOnlyDictionary<string, string>? headers = null)
    {
        await using var db = _factory.CreateDbContext();
        var id = _factory.Service<Outbox>().Add(db, to, email, EmailCategory.Promotional, headers).Id;
        await db.SaveChangesAsync();
        return id;
    }

    private Task<List<Guid>> QueueManyAsync(int count) => QueuedMail.QueueAsync(_factory, count);

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = _factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task<List<OutboxStatus>> StatusesAsync(List<Guid> ids)
    {
        await using var db = _factory.CreateDbContext();
        return await db.OutboxMessages.Where(m => ids.Contains(m.Id)).Select(m => m.Status).ToListAsync();
    }
}
