using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>What would let a sender write headers of their own is refused when it enters the outbox, never queued.</summary>
public sealed class OutboxHeaderValidationTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static readonly RenderedEmail Hello = new("Hello", "<p>Hello</p>", "Hello");

    public static TheoryData<string, string, string?, string?, string> Injections => new()
    {
        { "zoe@example.test", "Hello\r\nBcc: everyone@example.test", null, null, "subject" },
        { "zoe@example.test", "Hello\nBcc: everyone@example.test", null, null, "subject" },
        { "zoe@example.test", "Hello\u0085Bcc: everyone@example.test", null, null, "subject" },
        { "zoe@example.test", "Hello\u2028there", null, null, "subject" },
        { "zoe@example.test", "Tab\there", null, null, "subject" },
        { "zoe@example.test\r\nBcc: everyone@example.test", "Hello", null, null, "to" },
        { "\"Zoë\r\nBcc: everyone@example.test\" <zoe@example.test>", "Hello", null, null, "to" },
        { "zoe@example.test, ada@example.test", "Hello", null, null, "to" },
        { "zoe@example.test", "Hello", "List-Unsubscribe", "<https://portal.test/u>\r\nBcc: everyone@example.test", "headers" },
        { "zoe@example.test", "Hello", "X-Note\r\nBcc", "everyone@example.test", "headers" },
        { "zoe@example.test", "Hello", "Bcc", "everyone@example.test", "headers" },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task A_line_break_or_control_character_in_a_header_is_refused_before_the_message_is_queued(
        string to, string subject, string? header, string? value, string parameter)
    {
        var before = await CountAsync();
        await using var db = app.Factory.CreateDbContext();
        var headers = header is null ? null : new Dictionary<string, string> { [header] = value! };

        var refused = Should.Throw<ArgumentException>(() =>
            app.Factory.Service<Outbox>().Add(db, to, Hello with { Subject = subject }, EmailCategory.Newsletter, headers));
        await db.SaveChangesAsync();

        refused.ParamName.ShouldBe(parameter);
        refused.Message.ShouldNotBeNullOrWhiteSpace();
        db.ChangeTracker.Entries().ShouldBeEmpty();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Names_accents_and_one_click_unsubscribe_headers_are_queued_as_they_are()
    {
        await using var db = app.Factory.CreateDbContext();
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://portal.test/unsubscribe/one-click?token=abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };

        var message = app.Factory.Service<Outbox>().Add(db, "Zoë Durand <zoe@example.test>", Hello with { Subject = "Bienvenue à Portal : ça commence" },
            EmailCategory.Newsletter, headers);
        await db.SaveChangesAsync();

        await using var read = app.Factory.CreateDbContext();
        var row = await read.OutboxMessages.SingleAsync(m => m.Id == message.Id);
        row.To.ShouldBe("Zoë Durand <zoe@example.test>");
        row.Subject.ShouldBe("Bienvenue à Portal : ça commence");
        OutboxHeaders.Read(row).ShouldBe(headers);
    }

    [Fact]
    public void A_subject_can_be_checked_before_it_is_used()
    {
        MailHeaderRules.IsSingleLine("Portal in December").ShouldBeTrue();
        MailHeaderRules.IsSingleLine("Portal\r\nBcc: x@example.test").ShouldBeFalse();
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.Factory.CreateDbContext();
        return await db.OutboxMessages.CountAsync();
    }
}
