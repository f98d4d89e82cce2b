using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class SignInHistoryTests : AppTest
{
    private const string Member = "member@acme.test";
    private const string AlertSubject = "New sign-in to your Portal account";

    [Fact]
    public async Task Each_outcome_is_recorded_with_time_address_device_and_newness()
    {
        using var client = new PortalClient(Factory);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0");
        await client.SignInAsync(Member, "wrong-password");
        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await client.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        using var stranger = new PortalClient(Factory);
        for (var i = 0; i < 6; i++)
        {
            await stranger.SignInAsync(Member, "still-wrong");
        }

        var history = await HistoryAsync(Member);

        history.Select(a => a.Outcome).ShouldBe([
            SignInOutcome.WrongPassword, SignInOutcome.Succeeded,
            SignInOutcome.WrongPassword, SignInOutcome.WrongPassword, SignInOutcome.WrongPassword, SignInOutcome.WrongPassword,
            SignInOutcome.LockedOut, SignInOutcome.LockedOut,
        ]);
        history.ShouldAllBe(a => a.Method == "password");
        var success = history.Single(a => a.Outcome == SignInOutcome.Succeeded);
        success.Device.ShouldBe("Firefox on Linux");
        success.NewDevice.ShouldBeTrue();
    }

    [Fact]
    public async Task An_unconfirmed_account_records_a_blocked_attempt()
    {
        using var client = new PortalClient(Factory);
        await client.SubmitAsync("/Account/Register", "register", Account.RegistrationTests.Form("new@example.test"));

        await client.SignInAsync("new@example.test", "correct horse battery");

        (await HistoryAsync("new@example.test")).ShouldHaveSingleItem().Outcome.ShouldBe(SignInOutcome.Blocked);
    }

    [Fact]
    public async Task Only_a_sign_in_from_a_new_device_after_the_first_sends_an_alert()
    {
        using var laptop = new PortalClient(Factory);
        await laptop.SignInAsync(Member);
        await laptop.SignInAsync(Member);
        (await Factory.ToAsync(Member)).ShouldNotContain(m => m.Subject == AlertSubject);

        using var phone = new PortalClient(Factory);
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1");
        await phone.SignInAsync(Member);

        var alert = (await Factory.ToAsync(Member)).Where(m => m.Subject == AlertSubject).ShouldHaveSingleItem();
        alert.Category.ShouldBe(Portal.Web.Email.EmailCategory.AccountSecurity);
        alert.HtmlBody.ShouldContain("Safari on iPhone");
        alert.LinkTo("/account/security/secure").ShouldStartWith("/account/security/secure");
        var history = await HistoryAsync(Member);
        history.Count(a => a.NewDevice).ShouldBe(2);
    }

    [Fact]
    public async Task The_history_shows_ninety_days_newest_first_in_pages()
    {
        var userId = await Factory.UserIdAsync(Member);
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        await using (var db = Factory.CreateDbContext())
        {
            for (var day = 0; day < 100; day += 2)
            {
                db.SignInAttempts.Add(new SignInAttempt
                {
                    Id = Guid.CreateVersion7(), UserId = userId, OccurredAt = now.AddDays(-day), Outcome = SignInOutcome.Succeeded,
                    Method = "password", Device = "Chrome on Linux",
                });
            }

            await db.SaveChangesAsync();
        }

        using var scope = Factory.Services.CreateScope();
        var history = scope.ServiceProvider.GetRequiredService<SignInHistory>();
        var seen = new List<SignInAttemptView>();
        IReadOnlyList<SignInAttemptView> page;
        do
        {
            page = await history.PageAsync(userId, seen.Count == 0 ? null : seen[^1]);
            seen.AddRange(page);
        }
        while (page.Count == SignInHistory.PageSize);

        seen.Count.ShouldBe(46);
        seen.Select(a => a.OccurredAt).ShouldBeInOrder(SortDirection.Descending);
        seen.ShouldAllBe(a => a.OccurredAt >= now.AddDays(-90));
        (await history.PageAsync(await Factory.UserIdAsync("owner@acme.test"))).ShouldBeEmpty();
    }

    private async Task<List<SignInAttempt>> HistoryAsync(string email)
    {
        var userId = await Factory.UserIdAsync(email);
        await using var db = Factory.CreateDbContext();
        return await db.SignInAttempts.Where(a => a.UserId == userId).OrderBy(a => a.OccurredAt).ToListAsync();
    }
}
