using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Features.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>The send path's headers and links, and signed one-click unsubscribing: tamper, replay, expiry.</summary>
public sealed class UnsubscribeTests : AppTest
{
    private const string Member = "member@acme.test";

    private static readonly string[] Lines = ["Hello from Portal."];

    [Fact]
    public async Task Optional_mail_carries_a_signed_one_click_unsubscribe_and_transactional_mail_does_not()
    {
        await OptInAsync(EmailCategory.Newsletter);

        (await SendAsync(EmailCategory.Newsletter)).ShouldBeTrue();
        (await SendAsync(EmailCategory.AccountSecurity)).ShouldBeTrue();

        var messages = await Factory.ToAsync(Member);
        var newsletter = messages.Single(m => m.Category == EmailCategory.Newsletter);
        var headers = OutboxHeaders.Read(newsletter);
        headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        headers["List-Unsubscribe"].ShouldStartWith("<https://");
        headers["List-Unsubscribe"].ShouldContain("/unsubscribe/one-click?token=");
        newsletter.LinkTo("/unsubscribe").ShouldStartWith("/unsubscribe?token=");
        newsletter.TextBody.ShouldContain("You receive this because you chose “Newsletter” emails.");

        var notice = messages.Single(m => m.Category == EmailCategory.AccountSecurity);
        notice.Headers.ShouldBeNull();
        notice.HtmlBody.ShouldNotContain("unsubscribe");
    }

    [Fact]
    public async Task Nothing_is_sent_in_a_category_the_person_did_not_choose()
    {
        (await SendAsync(EmailCategory.Promotional)).ShouldBeFalse();

        (await Factory.ToAsync(Member)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_email_is_written_in_the_person_s_language()
    {
        await OptInAsync(EmailCategory.Newsletter);
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            var profiles = scope.ServiceProvider.GetRequiredService<Portal.Web.Features.Profiles.ProfileService>();
            var profile = await profiles.GetMineAsync();
            profile.Language = "fr";
            (await profiles.UpdateMineAsync(profile)).Succeeded.ShouldBeTrue();
        }

        await SendAsync(EmailCategory.Newsletter);

        var message = (await Factory.ToAsync(Member)).ShouldHaveSingleItem();
        message.TextBody.ShouldContain("Se désabonner");
        message.TextBody.ShouldContain("Lettre d’information");
    }

    [Fact]
    public async Task One_click_from_the_header_works_signed_out_at_once_and_only_for_its_person_and_category()
    {
        await OptInAsync(EmailCategory.Newsletter);
        await OptInAsync(EmailCategory.ProductTips);
        await SendAsync(EmailCategory.Newsletter);
        var oneClick = OneClickOf((await Factory.ToAsync(Member)).Single());
        using var anonymous = new PortalClient(Factory);

        var response = await anonymous.Http.PostAsync(new Uri(oneClick, UriKind.Relative), OneClickBody());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var choices = await ChoicesAsync();
        choices.Newsletter.ShouldBeFalse();
        choices.ProductTips.ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        var changed = await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == AuditActions.NotificationsChanged);
        changed.Target.ShouldBe(Unsubscribes.ByOneClick);
        changed.ChangedFields.ShouldBe("Newsletter");
        changed.SubjectId.ShouldBe(await Factory.UserIdAsync(Member));

        (await anonymous.Http.PostAsync(new Uri(oneClick, UriKind.Relative), OneClickBody())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.NotificationsChanged && e.Target == Unsubscribes.ByOneClick)).ShouldBe(1);
    }

    [Fact]
    public async Task A_one_click_post_without_its_body_or_with_an_altered_token_changes_nothing()
    {
        await OptInAsync(EmailCategory.Newsletter);
        await SendAsync(EmailCategory.Newsletter);
        var oneClick = OneClickOf((await Factory.ToAsync(Member)).Single());
        using var anonymous = new PortalClient(Factory);

        (await anonymous.Http.PostAsync(new Uri(oneClick, UriKind.Relative), new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var altered = oneClick[..^3] + (oneClick[^3] == 'A' ? 'B' : 'A') + oneClick[^2..];
        (await anonymous.Http.PostAsync(new Uri(altered, UriKind.Relative), OneClickBody())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.Http.PostAsync(new Uri("/unsubscribe/one-click", UriKind.Relative), OneClickBody())).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await ChoicesAsync()).Newsletter.ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_names_one_person_and_one_optional_category_and_expires()
    {
        var tokens = Factory.Services.GetRequiredService<UnsubscribeTokens>();
        var memberId = await Factory.UserIdAsync(Member);
        var token = tokens.Create(memberId, EmailCategory.Newsletter);

        tokens.Read(token).ShouldBe(new UnsubscribeGrant(memberId, EmailCategory.Newsletter));
        tokens.Read(tokens.Create(memberId, EmailCategory.AccountSecurity)).ShouldBeNull();
        tokens.Read("not a token").ShouldBeNull();
        tokens.Read(null).ShouldBeNull();

        Factory.Time.Advance(UnsubscribeTokens.Lifetime - TimeSpan.FromMinutes(1));
        tokens.Read(token).ShouldNotBeNull();
        Factory.Time.Advance(TimeSpan.FromMinutes(2));
        tokens.Read(token).ShouldBeNull();
    }

    [Fact]
    public async Task The_link_in_the_email_unsubscribes_signed_out_and_its_page_turns_other_categories_off()
    {
        await OptInAsync(EmailCategory.Newsletter);
        await OptInAsync(EmailCategory.ProductTips);
        await OptInAsync(EmailCategory.Digest);
        await SendAsync(EmailCategory.Newsletter);
        var link = (await Factory.ToAsync(Member)).Single().LinkTo("/unsubscribe");
        using var anonymous = new PortalClient(Factory);

        var page = await anonymous.GetStringAsync(link);

        page.ShouldContain("You will no longer receive “Newsletter” emails.");
        (await ChoicesAsync()).Newsletter.ShouldBeFalse();

        var saved = await anonymous.SubmitAsync(link, "email-choices", new Dictionary<string, string>
        {
            ["Input.Digest"] = nameof(DigestFrequency.Monthly),
        });

        (await saved.Content.ReadAsStringAsync()).ShouldContain("Your email settings are saved.");
        var choices = await ChoicesAsync();
        choices.ProductTips.ShouldBeFalse();
        choices.Digest.ShouldBe(DigestFrequency.Monthly);
        choices.Newsletter.ShouldBeFalse();
        (await anonymous.GetStringAsync("/unsubscribe?token=forged")).ShouldContain("The unsubscribe link is not valid or has expired.");
    }

    [Theory]
    [InlineData("Input.Newsletter", "true")]
    [InlineData("Input.ProductTips", "true")]
    [InlineData("Input.Digest", nameof(DigestFrequency.Weekly))]
    [InlineData("Input.AllowReadTracking", "true")]
    public async Task The_unsubscribe_page_never_turns_anything_on(string field, string value)
    {
        await OptInAsync(EmailCategory.Newsletter);
        await SetDigestAsync(DigestFrequency.Monthly);
        await SendAsync(EmailCategory.Newsletter);
        var link = (await Factory.ToAsync(Member)).Single().LinkTo("/unsubscribe");
        using var anonymous = new PortalClient(Factory);
        await anonymous.GetStringAsync(link);
        var before = await ChoicesAsync();

        var saved = await anonymous.SubmitAsync(link, "email-choices", new Dictionary<string, string>
        {
            ["Input.Digest"] = nameof(DigestFrequency.Monthly),
            [field] = value,
        });

        (await saved.Content.ReadAsStringAsync()).ShouldContain("That setting cannot be changed. Nothing was saved.");
        (await ChoicesAsync()).ShouldBeEquivalentTo(before);
    }

    [Fact]
    public async Task The_unsubscribe_page_cannot_lift_a_limit_on_the_use_of_data()
    {
        await OptInAsync(EmailCategory.Newsletter);
        await SendAsync(EmailCategory.Newsletter);
        var link = (await Factory.ToAsync(Member)).Single().LinkTo("/unsubscribe");
        using (var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid()))
        {
            await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SaveMineAsync(new NotificationForm { LimitDataUse = true });
        }

        using var anonymous = new PortalClient(Factory);
        await anonymous.GetStringAsync(link);
        await anonymous.SubmitAsync(link, "email-choices", new Dictionary<string, string>
        {
            ["Input.Digest"] = nameof(DigestFrequency.Off),
            ["Input.LimitDataUse"] = "false",
        });

        (await ChoicesAsync()).LimitDataUse.ShouldBeTrue();
    }

    private static FormUrlEncodedContent OneClickBody() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);

    private static string OneClickOf(OutboxMessage message) =>
        new Uri(OutboxHeaders.Read(message)["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;

    private async Task OptInAsync(EmailCategory category)
    {
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SetMineAsync(category, true);
    }

    private async Task SetDigestAsync(DigestFrequency digest)
    {
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        var settings = scope.ServiceProvider.GetRequiredService<NotificationSettings>();
        var choices = await settings.GetMineAsync();
        choices.Digest = digest;
        await settings.SaveMineAsync(choices);
    }

    private async Task<NotificationForm> ChoicesAsync()
    {
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<NotificationSettings>().GetMineAsync();
    }

    private async Task<bool> SendAsync(EmailCategory category)
    {
        using var scope = Factory.Services.CreateScope();
        await using var db = Factory.CreateDbContext();
        var added = await scope.ServiceProvider.GetRequiredService<NotificationMail>().AddAsync<AccountNoticeMessage>(db, await Factory.UserIdAsync(Member), category,
            () => "Portal news", new Dictionary<string, object?> { [nameof(AccountNoticeMessage.Name)] = "Mia", [nameof(AccountNoticeMessage.Lines)] = Lines });
        await db.SaveChangesAsync();
        return added;
    }
}
