using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Features.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>The open-tracking image: only with consent, and openings recorded only while consent lasts.</summary>
public sealed partial class ReadTrackingTests : AppTest
{
    private const string Member = "member@acme.test";

    private static readonly string[] Lines = ["Hello from Portal."];

    [Fact]
    public async Task Without_consent_there_is_no_image_and_no_record()
    {
        await ChooseAsync(tracking: false);
        await SendAsync();

        var message = (await Factory.ToAsync(Member)).Single();
        message.HtmlBody.ShouldNotContain("/email/open");
        message.HtmlBody.ShouldNotContain("<img");
        using var anonymous = new PortalClient(Factory);
        (await anonymous.Http.GetAsync(new Uri("/email/open?t=forged", UriKind.Relative))).Content.Headers.ContentType!.MediaType.ShouldBe("image/gif");
        await using var db = Factory.CreateDbContext();
        (await db.EmailOpens.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task With_consent_the_image_records_each_opening_until_consent_is_withdrawn()
    {
        await ChooseAsync(tracking: true);
        await SendAsync();
        var message = (await Factory.ToAsync(Member)).Single();
        var pixel = new Uri(WebUtility.HtmlDecode(PixelPattern().Match(message.HtmlBody).Groups["src"].Value)).PathAndQuery;
        message.TextBody.ShouldNotContain("/email/open");
        using var anonymous = new PortalClient(Factory);

        var response = await anonymous.Http.GetAsync(new Uri(pixel, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/gif");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        await using (var db = Factory.CreateDbContext())
        {
            var open = await db.EmailOpens.IgnoreQueryFilters().SingleAsync();
            open.MessageId.ShouldBe(message.Id);
            open.UserId.ShouldBe(await Factory.UserIdAsync(Member));
        }

        await ChooseAsync(tracking: false);
        await anonymous.Http.GetAsync(new Uri(pixel, UriKind.Relative));

        await using var check = Factory.CreateDbContext();
        (await check.EmailOpens.IgnoreQueryFilters().CountAsync()).ShouldBe(1);
        using var globex = await Factory.ScopeForSessionAsync("owner@globex.test", Guid.NewGuid());
        (await globex.ServiceProvider.GetRequiredService<PortalDbContext>().EmailOpens.CountAsync()).ShouldBe(0);
        using var acme = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        (await acme.ServiceProvider.GetRequiredService<PortalDbContext>().EmailOpens.CountAsync()).ShouldBe(1);
    }

    private async Task ChooseAsync(bool tracking)
    {
        using var scope = await Factory.ScopeForSessionAsync(Member, Guid.NewGuid());
        var settings = scope.ServiceProvider.GetRequiredService<NotificationSettings>();
        var form = await settings.GetMineAsync();
        form.Newsletter = true;
        form.AllowReadTracking = tracking;
        await settings.SaveMineAsync(form);
    }

    private async Task SendAsync()
    {
        using var scope = Factory.Services.CreateScope();
        await using var db = Factory.CreateDbContext();
        await scope.ServiceProvider.GetRequiredService<NotificationMail>().AddAsync<AccountNoticeMessage>(db, await Factory.UserIdAsync(Member), EmailCategory.Newsletter,
            () => "Portal news", new Dictionary<string, object?> { [nameof(AccountNoticeMessage.Name)] = "Mia", [nameof(AccountNoticeMessage.Lines)] = Lines });
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("<img src=\"(?<src>[^\"]+)\"", RegexOptions.None, 1000)]
    private static partial Regex PixelPattern();
}
