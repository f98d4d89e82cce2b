using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class TwoFactorSignInTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Password_then_authenticator_code_lands_on_the_dashboard()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        using var client = new PortalClient(Factory);

        var password = await client.SignInAsync(Member);

        var secondStep = password.RedirectTarget();
        secondStep.ShouldStartWith("/Account/LoginWith2fa");
        var pending = password.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Portal.2fa=", StringComparison.Ordinal)).ToLowerInvariant();
        pending.ShouldContain("secure");
        pending.ShouldContain("httponly");
        pending.ShouldContain("path=/");
        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var code = Totp.Code(key, Factory.Time.GetUtcNow());
        var signedIn = await client.SubmitCodeAsync(secondStep, $"{code[..3]}-{code[3..]}");

        signedIn.RedirectTarget().ShouldBe("/");
        (await client.GetStringAsync("/")).ShouldContain("Welcome, Mia");
        (await Factory.SignInAttemptsAsync(Member)).ShouldHaveSingleItem().Method.ShouldBe(SignInMethods.Authenticator);
    }

    [Fact]
    public async Task The_second_step_without_a_password_step_goes_back_to_sign_in()
    {
        using var client = new PortalClient(Factory);

        var response = await client.Http.GetAsync(new Uri("/Account/LoginWith2fa?returnUrl=%2F", UriKind.Relative));

        response.RedirectTarget().ShouldStartWith("/Account/Login?");
    }

    [Fact]
    public async Task Wrong_codes_are_recorded_and_five_lock_the_account_even_against_the_right_code()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        using var client = new PortalClient(Factory);
        var secondStep = await client.PasswordStepAsync(Member);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.SubmitCodeAsync(secondStep, Totp.WrongCode(key, Factory.Time.GetUtcNow()));
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("That code did not work");
        }

        var right = await client.SubmitCodeAsync(secondStep, Totp.Code(key, Factory.Time.GetUtcNow()));

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("That code did not work");
        var attempts = await Factory.SignInAttemptsAsync(Member);
        attempts.Count.ShouldBe(6);
        attempts.Take(4).ShouldAllBe(a => a.Outcome == SignInOutcome.TwoFactorFailed && a.Method == SignInMethods.Authenticator);
        attempts.Skip(4).ShouldAllBe(a => a.Outcome == SignInOutcome.LockedOut);
        await using var db = Factory.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Email == Member)).LockoutEnd.ShouldNotBeNull();
        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_locked_account_cannot_get_past_the_second_step_with_a_code_or_a_recovery_code()
    {
        var (key, codes) = await Factory.EnableTwoFactorAsync(Member);
        using var client = new PortalClient(Factory);
        var secondStep = await client.PasswordStepAsync(Member);
        await LockAsync(Member);

        (await client.SubmitCodeAsync(secondStep, Totp.Code(key, Factory.Time.GetUtcNow()))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SubmitRecoveryCodeAsync(codes[0])).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RecoveryCodesLeftAsync(Member)).ShouldBe(10);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_only_and_its_use_is_announced()
    {
        var (_, codes) = await Factory.EnableTwoFactorAsync(Member);
        using (var first = new PortalClient(Factory))
        {
            await first.PasswordStepAsync(Member);
            var used = await first.SubmitRecoveryCodeAsync(codes[3].ToLowerInvariant());
            used.RedirectTarget().ShouldBe("/");
        }

        using var second = new PortalClient(Factory);
        await second.PasswordStepAsync(Member);
        var again = await second.SubmitRecoveryCodeAsync(codes[3]);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("That recovery code did not work");
        (await RecoveryCodesLeftAsync(Member)).ShouldBe(9);
        var notice = (await Factory.ToAsync(Member)).Where(m => m.Subject.Contains("recovery code was used", StringComparison.Ordinal)).ShouldHaveSingleItem();
        notice.TextBody.ShouldContain("You have 9 recovery code(s) left");
        (await Factory.AuditedAsync(Member)).ShouldContain(AuditActions.RecoveryCodeUsed);
        (await Factory.SignInAttemptsAsync(Member)).Select(a => (a.Outcome, a.Method))
            .ShouldBe([(SignInOutcome.Succeeded, SignInMethods.RecoveryCode), (SignInOutcome.TwoFactorFailed, SignInMethods.RecoveryCode)]);
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_towards_lockout()
    {
        var (_, codes) = await Factory.EnableTwoFactorAsync(Member);
        using var client = new PortalClient(Factory);
        await client.PasswordStepAsync(Member);

        for (var attempt = 0; attempt < 4; attempt++)
        {
            await client.SubmitRecoveryCodeAsync("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
        }

        await using (var db = Factory.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == Member);
            user.AccessFailedCount.ShouldBe(4);
            user.LockoutEnd.ShouldBeNull();
        }

        await client.SubmitRecoveryCodeAsync("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
        (await client.SubmitRecoveryCodeAsync(codes[0])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RecoveryCodesLeftAsync(Member)).ShouldBe(10);
    }

    [Fact]
    public async Task Remember_this_browser_skips_the_code_next_time_on_that_browser_only()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        using var client = new PortalClient(Factory);
        var secondStep = await client.PasswordStepAsync(Member);
        var signedIn = await client.SubmitCodeAsync(secondStep, Totp.Code(key, Factory.Time.GetUtcNow()), rememberBrowser: true);
        var remember = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Portal.2fa-remember=", StringComparison.Ordinal)).ToLowerInvariant();
        remember.ShouldContain("secure");
        remember.ShouldContain("httponly");

        (await client.PasswordStepAsync(Member)).ShouldBe("/");

        using var other = new PortalClient(Factory);
        (await other.PasswordStepAsync(Member)).ShouldStartWith("/Account/LoginWith2fa");
    }

    [Fact]
    public async Task A_member_whose_organisation_requires_two_factor_is_sent_to_set_it_up()
    {
        await TwoFactorTests.RequireTwoFactorAsync(Factory, "acme");
        using var client = new PortalClient(Factory);
        (await client.PasswordStepAsync(Member)).ShouldBe("/");

        foreach (var page in new[] { "/", "/account/profile" })
        {
            var response = await client.Http.GetAsync(new Uri(page, UriKind.Relative));
            response.RedirectTarget().ShouldBe("/account/security/two-factor");
        }

        var setup = await client.Http.GetAsync(new Uri("/account/security/two-factor", UriKind.Relative));
        setup.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await setup.Content.ReadAsStringAsync();
        html.ShouldContain("Your organisation requires two-factor sign-in");
        html.ShouldContain("data-testid=\"sign-out\"");

        // The cookie is re-read on every request while setup is pending, so the portal opens as soon as it is done.
        await Factory.EnableTwoFactorAsync(Member);
        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task LockAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddDays(1));
    }

    private async Task<int> RecoveryCodesLeftAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!);
    }
}
