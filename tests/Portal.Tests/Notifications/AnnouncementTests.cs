using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Shared;
using Portal.Web.Tenancy;

namespace Portal.Tests.Notifications;

/// <summary>Announcements: the audience after preferences, sending each person one message, resuming, and who may send.</summary>
public sealed class AnnouncementTests : AppTest
{
    private const string Admin = "admin@portal.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task The_audience_is_counted_after_everyone_s_preferences()
    {
        var acme = await OrganisationIdAsync("Acme");
        int everyone, owners;
        await using (var db = Factory.CreateDbContext())
        {
            everyone = await db.MembersOfEveryOrganisation().CountAsync(m => m.Status == MemberStatus.Active);
            owners = await db.MembersOfEveryOrganisation().CountAsync(m => m.Status == MemberStatus.Active && m.Role == OrganisationRole.Owner);
        }

        (await CountAsync(new AnnouncementForm { Subject = "s", Body = "b" })).ShouldBe(everyone);
        (await CountAsync(new AnnouncementForm { Subject = "s", Body = "b", Audience = AnnouncementAudience.Organisation, OrganisationId = acme })).ShouldBe(3);
        (await CountAsync(new AnnouncementForm { Subject = "s", Body = "b", Audience = AnnouncementAudience.Role, Role = OrganisationRole.Owner })).ShouldBe(owners);
        owners.ShouldBeLessThan(everyone);
        (await CountAsync(new AnnouncementForm { Category = EmailCategory.Newsletter, Subject = "s", Body = "b", Audience = AnnouncementAudience.Organisation, OrganisationId = acme })).ShouldBe(0);

        await OptInAsync(Member);

        (await CountAsync(new AnnouncementForm { Category = EmailCategory.Newsletter, Subject = "s", Body = "b", Audience = AnnouncementAudience.Organisation, OrganisationId = acme })).ShouldBe(1);
        (await CountAsync(new AnnouncementForm { Category = EmailCategory.Promotional, Subject = "s", Body = "b" })).ShouldBeNull();
        (await CountAsync(new AnnouncementForm { Subject = "s", Body = "b", Audience = AnnouncementAudience.Organisation })).ShouldBeNull();
    }

    [Fact]
    public async Task A_newsletter_reaches_only_those_who_chose_it_once_each_with_an_unsubscribe_and_is_audited()
    {
        await OptInAsync(Member);
        var id = await QueueAsync(new AnnouncementForm
        {
            Category = EmailCategory.Newsletter, Subject = "Portal in December", Body = "Hello **everyone**.",
            Audience = AnnouncementAudience.Organisation, OrganisationId = await OrganisationIdAsync("Acme"),
        });

        await SendAllAsync();
        await SendAllAsync();

        var message = (await Factory.ToAsync(Member)).ShouldHaveSingleItem();
        message.Subject.ShouldBe("Portal in December");
        message.HtmlBody.ShouldContain("<strong>everyone</strong>");
        OutboxHeaders.Read(message)["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        (await Factory.ToAsync("owner@acme.test")).ShouldBeEmpty();
        await using var db = Factory.CreateDbContext();
        (await db.Announcements.SingleAsync(a => a.Id == id)).CompletedAt.ShouldNotBeNull();
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AnnouncementQueued)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
        (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AnnouncementSent)).Target.ShouldBe("Portal in December (1 sent)");
    }

    [Fact]
    public async Task A_service_announcement_goes_to_everyone_in_the_audience_without_an_unsubscribe()
    {
        await QueueAsync(new AnnouncementForm
        {
            Subject = "Planned maintenance", Body = "Sunday 02:00–03:00 UTC.", Audience = AnnouncementAudience.Organisation, OrganisationId = await OrganisationIdAsync("Acme"),
        });

        await SendAllAsync();

        foreach (var person in new[] { "owner@acme.test", "admin@acme.test", Member })
        {
            var message = (await Factory.ToAsync(person)).ShouldHaveSingleItem();
            message.Headers.ShouldBeNull();
            message.Category.ShouldBe(EmailCategory.ServiceAnnouncement);
        }

        (await Factory.ToAsync("owner@globex.test")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sending_resumes_after_a_crash_without_sending_anyone_a_second_message()
    {
        var id = await QueueAsync(new AnnouncementForm
        {
            Subject = "Planned maintenance", Body = "Sunday.", Audience = AnnouncementAudience.Organisation, OrganisationId = await OrganisationIdAsync("Acme"),
        });
        await using (var db = Factory.CreateDbContext())
        {
            // The instance that crashed had sent Mia's message and recorded it, in one transaction.
            db.AnnouncementDeliveries.Add(new AnnouncementDelivery { AnnouncementId = id, UserId = await Factory.UserIdAsync(Member), Sent = true });
            await db.SaveChangesAsync();
        }

        await SendAllAsync();

        (await Factory.ToAsync(Member)).ShouldBeEmpty();
        (await Factory.ToAsync("owner@acme.test")).Count.ShouldBe(1);
        await using var check = Factory.CreateDbContext();
        (await check.AnnouncementDeliveries.CountAsync(d => d.AnnouncementId == id)).ShouldBe(3);
    }

    [Fact]
    public void Markdown_is_rendered_and_raw_html_is_shown_as_text()
    {
        var html = MarkdownRenderer.ToHtml("<script>alert(1)</script> **hi**");

        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain("<script>");
        html.ShouldContain("<strong>hi</strong>");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![image](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](vbscript:msgbox(1))")]
    public void Links_other_than_http_https_and_mailto_lose_their_address(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        html.ShouldNotContain("script:", Case.Insensitive);
        html.ShouldNotContain("data:");
    }

    [Fact]
    public void Web_and_mail_links_are_kept()
    {
        var html = MarkdownRenderer.ToHtml("[site](https://portal.test/news) [old](http://portal.test/) [write](mailto:help@portal.test) <https://portal.test/auto>");

        html.ShouldContain("href=\"https://portal.test/news\"");
        html.ShouldContain("href=\"http://portal.test/\"");
        html.ShouldContain("href=\"mailto:help@portal.test\"");
        html.ShouldContain("href=\"https://portal.test/auto\"");
    }

    [Fact]
    public async Task A_test_goes_to_the_writer_alone()
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        (await scope.ServiceProvider.GetRequiredService<Announcements>().SendTestAsync(new AnnouncementForm { Subject = "Draft", Body = "Hello" }))
            .ShouldBe(AnnouncementOutcome.TestSent);

        (await Factory.ToAsync(Admin)).ShouldHaveSingleItem().Subject.ShouldBe("[Test] Draft");
        await using var db = Factory.CreateDbContext();
        (await db.OutboxMessages.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_subject_with_a_line_break_is_refused_on_the_form_and_nothing_is_queued()
    {
        var form = new AnnouncementForm { Subject = "Draft\r\nBcc: everyone@example.test", Body = "Hello" };
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        var announcements = scope.ServiceProvider.GetRequiredService<Announcements>();

        (await announcements.SendTestAsync(form)).ShouldBe(AnnouncementOutcome.Invalid);
        (await announcements.QueueAsync(form)).Outcome.ShouldBe(AnnouncementOutcome.Invalid);

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(form, new(form), errors, validateAllProperties: true).ShouldBeFalse();
        errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Subject must be one line, without line breaks or control characters.");
        await using var db = Factory.CreateDbContext();
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
        (await db.Announcements.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_mailed_announcement_carries_no_remote_image()
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        await scope.ServiceProvider.GetRequiredService<Announcements>().SendTestAsync(new AnnouncementForm { Subject = "Draft", Body = "Hello ![team](https://tracker.example/open.gif)" });

        var message = (await Factory.ToAsync(Admin)).ShouldHaveSingleItem();
        message.HtmlBody.ShouldNotContain("<img src=\"https://tracker.example", Case.Insensitive);
    }

    [Theory]
    [InlineData("support@portal.test")]
    [InlineData("admin@acme.test")]
    [InlineData(Member)]
    public async Task Nobody_but_a_platform_admin_or_an_owner_sends_announcements(string actor)
    {
        using (var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid()))
        {
            var announcements = scope.ServiceProvider.GetRequiredService<Announcements>();
            await Should.ThrowAsync<UnauthorizedAccessException>(() => announcements.QueueAsync(new AnnouncementForm { Subject = "s", Body = "b" }));
            await Should.ThrowAsync<UnauthorizedAccessException>(() => announcements.CountAsync(new AnnouncementForm { Subject = "s", Body = "b" }));
            await Should.ThrowAsync<UnauthorizedAccessException>(announcements.RecentAsync);
        }

        using var client = new PortalClient(Factory);
        await client.SignInAsync(actor);
        (await client.Http.GetAsync(new Uri("/administration/announcements", UriKind.Relative))).Headers.Location!.AbsolutePath.ShouldBe("/Account/AccessDenied");
        await using var db = Factory.CreateDbContext();
        (await db.Announcements.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_owner_sends_a_service_announcement_to_their_own_members_and_it_is_audited()
    {
        var acme = await OrganisationIdAsync("Acme");
        Guid id;
        using (var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid()))
        {
            scope.ServiceProvider.GetRequiredService<PortalLinks>().UseBase("https://portal.test/");
            var (outcome, queued) = await scope.ServiceProvider.GetRequiredService<Announcements>().QueueAsync(new AnnouncementForm
            {
                Subject = "Office closed on Friday", Body = "See you Monday.", Audience = AnnouncementAudience.Organisation, OrganisationId = acme,
            });
            outcome.ShouldBe(AnnouncementOutcome.Queued);
            id = queued!.Value;
        }

        await SendAllAsync();

        foreach (var person in new[] { "owner@acme.test", "admin@acme.test", Member })
        {
            (await Factory.ToAsync(person)).ShouldHaveSingleItem().Subject.ShouldBe("Office closed on Friday");
        }

        (await Factory.ToAsync("owner@globex.test")).ShouldBeEmpty();
        await using var db = Factory.CreateDbContext();
        var queuedEvent = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.AnnouncementQueued);
        queuedEvent.ActorId.ShouldBe(await Factory.UserIdAsync("owner@acme.test"));
        queuedEvent.OrganisationId.ShouldBe(acme);
        using var globex = await Factory.ScopeForSessionAsync("owner@globex.test", Guid.NewGuid());
        (await globex.ServiceProvider.GetRequiredService<Announcements>().RecentAsync()).ShouldBeEmpty();
        (await globex.ServiceProvider.GetRequiredService<Announcements>().ProgressAsync(id)).ShouldBeNull();
    }

    [Theory]
    [InlineData("newsletter")]
    [InlineData("other organisation")]
    [InlineData("everyone")]
    [InlineData("role")]
    public async Task An_owner_sends_nothing_else(string attempt)
    {
        var acme = await OrganisationIdAsync("Acme");
        var globex = await OrganisationIdAsync("Globex");
        var form = attempt switch
        {
            "newsletter" => new AnnouncementForm { Category = EmailCategory.Newsletter, Audience = AnnouncementAudience.Organisation, OrganisationId = acme },
            "other organisation" => new AnnouncementForm { Audience = AnnouncementAudience.Organisation, OrganisationId = globex },
            "everyone" => new AnnouncementForm { Audience = AnnouncementAudience.Everyone },
            _ => new AnnouncementForm { Audience = AnnouncementAudience.Role, Role = OrganisationRole.Member },
        };
        form.Subject = "s";
        form.Body = "b";
        using var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid());

        await Should.ThrowAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<Announcements>().QueueAsync(form));

        await using var db = Factory.CreateDbContext();
        (await db.Announcements.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_owner_s_composer_names_their_organisation_and_offers_no_other_audience()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync("owner@acme.test");

        var html = await client.GetStringAsync("/organisation/announcements");

        html.ShouldContain("A service announcement to every active member of Acme.");
        html.ShouldNotContain("Everyone on Portal");
    }

    [Fact]
    public async Task The_page_shows_the_composer_to_a_platform_admin()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);

        var response = await client.Http.GetAsync(new Uri("/administration/announcements", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Count recipients");
    }

    private async Task<int?> CountAsync(AnnouncementForm form)
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<Announcements>().CountAsync(form);
    }

    private async Task<Guid> QueueAsync(AnnouncementForm form)
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        var links = scope.ServiceProvider.GetRequiredService<PortalLinks>();
        links.UseBase("https://portal.test/");
        var (outcome, id) = await scope.ServiceProvider.GetRequiredService<Announcements>().QueueAsync(form);
        outcome.ShouldBe(AnnouncementOutcome.Queued);
        return id!.Value;
    }

    private async Task SendAllAsync()
    {
        var sender = Factory.Services.GetRequiredService<AnnouncementSender>();
        while (await sender.RunOnceAsync() > 0)
        {
        }

        await sender.RunOnceAsync();
    }

    private async Task OptInAsync(string email)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SetMineAsync(EmailCategory.Newsletter, true);
    }

    private async Task<Guid> OrganisationIdAsync(string name)
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }
}
