using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;

namespace Portal.Tests.Account;

public sealed class PasswordResetTests : AppTest
{
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

        var response = await client.SubmitAsync("/Account/ResetPassword?code=Zm9yZ2Vk", "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = "member@acme.test",
            ["Input.Password"] = "attacker passphrase",
            ["Input.ConfirmPassword"] = "attacker passphrase",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SignInAsync("member@acme.test", "attacker passphrase")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
