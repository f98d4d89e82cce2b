using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class TwoFactorTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Turning_on_needs_a_right_code_from_the_app_and_hands_out_ten_recovery_codes()
    {
        await using var scope = await Factory.SignedInScopeAsync(Member);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();
        var setup = (await twoFactor.BeginSetupAsync()).Setup!;
        setup.Uri.ShouldStartWith("otpauth://totp/Portal:member%40acme.test?secret=" + setup.Key);

        var wrong = await twoFactor.EnableAsync(Totp.WrongCode(setup.Key, Factory.Time.GetUtcNow()));
        wrong.Outcome.ShouldBe(TwoFactorOutcome.InvalidCode);
        (await twoFactor.GetStatusAsync()).Enabled.ShouldBeFalse();

        var code = Totp.Code(setup.Key, Factory.Time.GetUtcNow());
        var enabled = await twoFactor.EnableAsync($"{code[..3]} {code[3..]}");

        enabled.Outcome.ShouldBe(TwoFactorOutcome.Succeeded);
        enabled.RecoveryCodes.Count.ShouldBe(10);
        enabled.RecoveryCodes.Distinct(StringComparer.Ordinal).Count().ShouldBe(10);
        enabled.RecoveryCodes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$"));
        await ShouldBeOnWithAllCodesAsync(twoFactor);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_only_as_hashes()
    {
        var (_, codes) = await Factory.EnableTwoFactorAsync(Member);

        await using var db = Factory.CreateDbContext();
        var stored = await db.UserTokens.Where(t => t.Name == PortalUserStore.RecoveryCodeTokenName).Select(t => t.Value).SingleAsync();
        stored!.Split(';').Length.ShouldBe(10);
        foreach (var code in codes)
        {
            stored.ShouldNotContain(code);
            stored.ShouldNotContain(code.Replace("-", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_authenticator_code_works_once_only()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(Member))!;
        var code = Totp.Code(key, Factory.Time.GetUtcNow());

        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)).ShouldBeTrue();
        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)).ShouldBeFalse();

        Factory.Time.Advance(TimeSpan.FromSeconds(30));
        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, Factory.Time.GetUtcNow()))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_is_accepted_only_within_one_step_of_the_server_clock()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(Member))!;
        Factory.Time.Advance(TimeSpan.FromMinutes(2));
        var now = Factory.Time.GetUtcNow();

        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, now.AddSeconds(90)))).ShouldBeFalse();
        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, now.AddSeconds(-60)))).ShouldBeFalse();
        (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, now.AddSeconds(-30)))).ShouldBeTrue();
    }

    [Fact]
    public async Task Changes_are_refused_more_than_five_minutes_after_signing_in()
    {
        await using var scope = await Factory.SignedInScopeAsync(Member);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();
        var key = (await twoFactor.BeginSetupAsync()).Setup!.Key;

        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        (await twoFactor.GetStatusAsync()).RecentlyAuthenticated.ShouldBeFalse();
        (await twoFactor.EnableAsync(Totp.Code(key, Factory.Time.GetUtcNow()))).Outcome.ShouldBe(TwoFactorOutcome.NotRecentlyAuthenticated);
        (await twoFactor.BeginSetupAsync()).Outcome.ShouldBe(TwoFactorOutcome.NotRecentlyAuthenticated);
        (await twoFactor.GetStatusAsync()).Enabled.ShouldBeFalse();
        (await Factory.AuditedAsync(Member)).ShouldNotContain(AuditActions.TwoFactorEnabled);
    }

    [Fact]
    public async Task Turning_off_and_new_codes_are_refused_outside_the_window_too()
    {
        await Factory.EnableTwoFactorAsync(Member);
        await using var scope = await Factory.SignedInScopeAsync(Member);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();

        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        (await twoFactor.DisableAsync()).Outcome.ShouldBe(TwoFactorOutcome.NotRecentlyAuthenticated);
        (await twoFactor.RegenerateRecoveryCodesAsync()).Outcome.ShouldBe(TwoFactorOutcome.NotRecentlyAuthenticated);
        await ShouldBeOnWithAllCodesAsync(twoFactor);
    }

    [Fact]
    public async Task Each_change_is_audited_and_announced_by_email()
    {
        var (_, firstCodes) = await Factory.EnableTwoFactorAsync(Member);
        await using var scope = await Factory.SignedInScopeAsync(Member);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();

        var renewed = await twoFactor.RegenerateRecoveryCodesAsync();
        renewed.RecoveryCodes.Count.ShouldBe(10);
        renewed.RecoveryCodes.ShouldNotContain(firstCodes[0]);
        (await twoFactor.DisableAsync()).Outcome.ShouldBe(TwoFactorOutcome.Succeeded);

        (await Factory.AuditedAsync(Member)).ShouldBe([AuditActions.TwoFactorEnabled, AuditActions.RecoveryCodesGenerated, AuditActions.TwoFactorDisabled]);
        var subjects = (await Factory.ToAsync(Member)).Select(m => m.Subject).ToList();
        subjects.ShouldBe([
            "Two-factor sign-in is on for your Portal account",
            "New recovery codes for your Portal account",
            "Two-factor sign-in is off for your Portal account",
        ]);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (_, firstCodes) = await Factory.EnableTwoFactorAsync(Member);
        IReadOnlyList<string> renewed;
        await using (var scope = await Factory.SignedInScopeAsync(Member))
        {
            renewed = (await scope.ServiceProvider.GetRequiredService<TwoFactorService>().RegenerateRecoveryCodesAsync()).RecoveryCodes;
        }

        await using var check = Factory.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(Member))!;
        (await users.RedeemTwoFactorRecoveryCodeAsync(user, firstCodes[0])).Succeeded.ShouldBeFalse();
        (await users.RedeemTwoFactorRecoveryCodeAsync(user, renewed[0].ToLowerInvariant())).Succeeded.ShouldBeTrue();
        (await users.CountRecoveryCodesAsync(user)).ShouldBe(9);
    }

    [Fact]
    public async Task Turning_off_forgets_the_key_and_the_recovery_codes()
    {
        var (key, _) = await Factory.EnableTwoFactorAsync(Member);
        await using (var scope = await Factory.SignedInScopeAsync(Member))
        {
            (await scope.ServiceProvider.GetRequiredService<TwoFactorService>().DisableAsync()).Outcome.ShouldBe(TwoFactorOutcome.Succeeded);
        }

        await using var check = Factory.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(Member))!;
        user.TwoFactorEnabled.ShouldBeFalse();
        (await users.GetAuthenticatorKeyAsync(user)).ShouldNotBe(key);
        (await users.CountRecoveryCodesAsync(user)).ShouldBe(0);
    }

    [Fact]
    public async Task An_organisation_that_requires_two_factor_keeps_it_on()
    {
        await Factory.EnableTwoFactorAsync(Member);
        await RequireTwoFactorAsync("acme");
        await using var scope = await Factory.SignedInScopeAsync(Member);
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorService>();

        (await twoFactor.DisableAsync()).Outcome.ShouldBe(TwoFactorOutcome.RequiredByOrganisation);

        var status = await twoFactor.GetStatusAsync();
        status.Enabled.ShouldBeTrue();
        status.RequiredByOrganisation.ShouldBeTrue();
        (await Factory.AuditedAsync(Member)).ShouldNotContain(AuditActions.TwoFactorDisabled);
    }

    private static async Task ShouldBeOnWithAllCodesAsync(TwoFactorService twoFactor)
    {
        var status = await twoFactor.GetStatusAsync();
        status.Enabled.ShouldBeTrue();
        status.RecoveryCodesLeft.ShouldBe(TwoFactorService.RecoveryCodeCount);
    }

    internal static async Task RequireTwoFactorAsync(PortalFactory factory, string slug)
    {
        await using var db = factory.CreateDbContext();
        await db.Organisations.Where(o => o.Slug == slug).ExecuteUpdateAsync(u => u.SetProperty(o => o.RequireTwoFactor, true));
    }

    private Task RequireTwoFactorAsync(string slug) => RequireTwoFactorAsync(Factory, slug);
}
