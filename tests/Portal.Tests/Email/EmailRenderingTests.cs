using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Email;
using Portal.Web.Email.Templates;

namespace Portal.Tests.Email;

public sealed class EmailRenderingTests : IAsyncLifetime
{
    // An ampersand shows that the link survives HTML encoding in the markup and decoding in the plain text.
    private const string Link = "https://portal.test/Account/ConfirmEmail?userId=u-1&code=Q2Fm_x-9";

    private readonly PortalFactory _factory = new() { SeedDemoData = false };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_confirmation_email_renders_in_english_with_its_link_in_both_bodies()
    {
        var email = await RenderConfirmationAsync("Welcome", new CultureInfo("en"));

        email.Subject.ShouldBe("Welcome");
        email.Html.ShouldContain("<html lang=\"en\">");
        email.Html.ShouldContain("Hello Zoë,");
        email.Html.ShouldContain("Confirm my email address");
        email.Html.ShouldContain("href=\"https://portal.test/Account/ConfirmEmail?userId=u-1&amp;code=Q2Fm_x-9\"");
        email.Text.ShouldContain($"Confirm my email address ({Link})");
        email.Text.ShouldNotContain("<");
    }

    [Fact]
    public async Task The_confirmation_email_renders_in_french_when_asked_whatever_the_current_culture()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");

        var email = await RenderConfirmationAsync("Bienvenue", new CultureInfo("fr"));

        email.Html.ShouldContain("<html lang=\"fr\">");
        email.Html.ShouldContain("Bonjour Zoë,");
        email.Html.ShouldContain("Confirmer mon adresse e-mail");
        email.Html.ShouldNotContain("Confirm my email address");
        email.Text.ShouldContain($"Confirmer mon adresse e-mail ({Link})");
        email.Text.ShouldContain("Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.");
        CultureInfo.CurrentUICulture.Name.ShouldBe("en");
    }

    [Fact]
    public async Task Registering_in_french_queues_the_confirmation_email_in_french()
    {
        await using var factory = new PortalFactory();
        using var client = new PortalClient(factory);
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        await client.SubmitAsync("/Account/Register", "register", Account.RegistrationTests.Form("francais@example.test"));

        var message = (await factory.ToAsync("francais@example.test")).ShouldHaveSingleItem();
        message.Subject.ShouldBe("Bienvenue sur Portal : confirmez votre adresse e-mail");
        message.HtmlBody.ShouldContain("Confirmer mon adresse e-mail");
        message.TextBody.ShouldContain("/Account/ConfirmEmail?userId=");
    }

    [Fact]
    public async Task The_pickup_transport_writes_a_message_the_development_mailbox_lists_finds_and_shows()
    {
        var email = await RenderConfirmationAsync("Welcome to Portal", new CultureInfo("en"));
        var headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://portal.test/unsubscribe?token=abc>" };
        Guid id;
        await using (var db = _factory.CreateDbContext())
        {
            id = _factory.Service<Outbox>().Add(db, "zoe@example.test", email, EmailCategory.Promotional, headers).Id;
            await db.SaveChangesAsync();
        }

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(1);

        var pickup = _factory.Service<PickupDirectoryTransport>();
        pickup.Directory.ShouldBe(_factory.MailDirectory);
        var listed = pickup.List().ShouldHaveSingleItem();
        listed.Id.ShouldBe(id);
        listed.To.ShouldBe("zoe@example.test");
        listed.DeliveredAt.ShouldBe(_factory.Time.GetUtcNow().UtcDateTime);
        var found = pickup.Find(id).ShouldNotBeNull();
        found.Subject.ShouldBe("Welcome to Portal");
        found.From.ShouldBe("Portal <no-reply@portal.test>");
        found.Html.ShouldBe(email.Html);
        found.Text.ShouldBe(email.Text);
        found.Headers["List-Unsubscribe"].ShouldBe(headers["List-Unsubscribe"]);
        pickup.Find(Guid.NewGuid()).ShouldBeNull();

        using var client = new PortalClient(_factory);
        (await client.GetStringAsync("/dev/mailbox")).ShouldContain("Welcome to Portal");
        (await client.GetStringAsync($"/dev/mailbox/{id}")).ShouldContain("Confirm my email address");
    }

    private async Task<RenderedEmail> RenderConfirmationAsync(string subject, CultureInfo culture)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailRenderer>().RenderAsync<ConfirmEmailMessage>(subject, new Dictionary<string, object?>
        {
            [nameof(ConfirmEmailMessage.Name)] = "Zoë",
            [nameof(ConfirmEmailMessage.Link)] = Link,
        }, culture);
    }
}
