using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Tests.Account;

public sealed partial class PasswordResetTests : AppTest
{
    private const string InvalidLink = "This password reset link is not valid. Ask for a new one.";

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_gets_mail()
    {
        using var client = new PortalClient(Factory);

        var known = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "member@acme.test" });
        var unknown = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.test" });

        known.Headers.Location.ShouldBe(unknown.Headers.Location);
        (await Factory.ToAsync("member@acme.test")).ShouldHaveSingleItem().Subject.ShouldContain("Reset");
        (await Factory.ToAsync("nobody@example.test")).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_emailed_link_sets_a_new_password_that_signs_in_and_the_reset_is_audited()
    {
        using var client = new PortalClient(Factory);
        await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "member@acme.test" });
        var link = (await Factory.ToAsync("member@acme.test")).Single().LinkTo("/Account/ResetPassword");

        var reset = await client.SubmitAsync(link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = "member@acme.test",
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        reset.Headers.Location!.ToString().ShouldEndWith("Account/ResetPasswordConfirmation");
        (await client.SignInAsync("member@acme.test", "a brand new passphrase")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = Factory.CreateDbContext();
        var actions = await db.AuditEvents.Where(e => e.Action == AuditActions.PasswordReset || e.Action == AuditActions.PasswordResetRequested).Select(e => e.Action).ToListAsync();
        actions.ShouldBe([AuditActions.PasswordResetRequested, AuditActions.PasswordReset]);
    }

    [Fact]
    public async Task A_forged_reset_code_changes_nothing()
    {
        using var client = new PortalClient(Factory);

        var response = await ResetWithForgedCodeAsync(client, "member@acme.test");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(InvalidLink);
        (await client.SignInAsync("member@acme.test", "attacker passphrase")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reset_with_a_bad_code_answers_known_unconfirmed_and_unknown_addresses_alike()
    {
        using var client = new PortalClient(Factory);
        await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("unconfirmed@example.test"));

        var known = await ResetWithForgedCodeAsync(client, "member@acme.test");
        var unconfirmed = await ResetWithForgedCodeAsync(client, "unconfirmed@example.test");
        var unknown = await ResetWithForgedCodeAsync(client, "nobody@example.test");

        var answers = new List<string>();
        foreach (var response in new[] { known, unconfirmed, unknown })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await response.Content.ReadAsStringAsync();
            page.ShouldContain(InvalidLink);

            // The antiforgery token, the encrypted page state and the address typed in are all that may differ.
            answers.Add(Varying().Replace(page, ""));
        }

        answers.Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Asking_for_a_reset_composes_a_reset_email_for_known_unconfirmed_and_unknown_addresses_alike()
    {
        var tokens = new CountingResetTokens();
        using var client = new PortalClient(Factory, configure: builder => builder.ConfigureTestServices(services =>
            services.Configure<IdentityOptions>(options =>
            {
                options.Tokens.ProviderMap[nameof(CountingResetTokens)] = new TokenProviderDescriptor(typeof(CountingResetTokens)) { ProviderInstance = tokens };
                options.Tokens.PasswordResetTokenProvider = nameof(CountingResetTokens);
            })));
        await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("unconfirmed@example.test"));

        var answers = new List<string?>();
        foreach (var address in new[] { "member@acme.test", "unconfirmed@example.test", "nobody@example.test" })
        {
            var response = await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = address });
            answers.Add(response.Headers.Location?.ToString());
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldNotBeNull().ShouldEndWith("Account/ForgotPasswordConfirmation");
        tokens.Generated.ShouldBe(3);
        (await Factory.ToAsync("unconfirmed@example.test")).ShouldAllBe(m => !m.Subject.Contains("Reset"));
    }

    private static async Task<HttpResponseMessage> ResetWithForgedCodeAsync(PortalClient client, string email) =>
        await client.SubmitAsync("/Account/ResetPassword?code=Zm9yZ2Vk", "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "attacker passphrase",
            ["Input.ConfirmPassword"] = "attacker passphrase",
        });

    [System.Text.RegularExpressions.GeneratedRegex("value=\"[^\"]*\"|<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial System.Text.RegularExpressions.Regex Varying();

    private sealed class CountingResetTokens : IUserTwoFactorTokenProvider<PortalUser>
    {
        private int _generated;

        public int Generated => _generated;

        public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user)
        {
            Interlocked.Increment(ref _generated);
            return Task.FromResult("counted");
        }

        public Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(false);

        public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(false);
    }
}
