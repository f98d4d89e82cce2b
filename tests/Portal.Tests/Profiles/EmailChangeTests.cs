using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Account;
using Portal.Web.Audit;

namespace Portal.Tests.Profiles;

public sealed class EmailChangeTests : AppTest
{
    [Fact]
    public async Task The_new_address_confirms_the_old_one_is_told_and_stays_the_login_until_then()
    {
        (await RequestAsync("member@acme.test", "mia@new.test", "Demo-Passw0rd!")).ShouldBe(EmailChangeRequest.Sent);

        (await Factory.ToAsync("member@acme.test")).ShouldHaveSingleItem().TextBody.ShouldContain("mia@new.test");
        var confirm = (await Factory.ToAsync("mia@new.test")).ShouldHaveSingleItem().LinkTo("/Account/ConfirmEmailChange");
        using var client = new PortalClient(Factory);
        (await client.SignInAsync("member@acme.test")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetStringAsync(confirm)).ShouldContain("Your sign-in address is changed");

        using var fresh = new PortalClient(Factory);
        (await fresh.SignInAsync("mia@new.test")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fresh.SignInAsync("member@acme.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var notices = await Factory.ToAsync("member@acme.test");
        notices.Count.ShouldBe(2);
        notices[1].LinkTo("/Account/UndoEmailChange").ShouldContain("email=member@acme.test");
        await AssertAuditedAsync(AuditActions.EmailChangeRequested, AuditActions.EmailChanged);
    }

    [Fact]
    public async Task The_old_address_can_undo_the_change_and_then_chooses_a_new_password()
    {
        await RequestAsync("member@acme.test", "mia@new.test", "Demo-Passw0rd!");
        using var client = new PortalClient(Factory);
        await client.GetStringAsync((await Factory.ToAsync("mia@new.test")).Single().LinkTo("/Account/ConfirmEmailChange"));
        var undo = (await Factory.ToAsync("member@acme.test")).Last().LinkTo("/Account/UndoEmailChange");

        (await client.GetStringAsync(undo)).ShouldContain("Your previous address is your sign-in again");

        (await client.SignInAsync("member@acme.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await client.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "member@acme.test" });
        (await Factory.ToAsync("member@acme.test")).Last().Subject.ShouldContain("Reset");
        await AssertAuditedAsync(AuditActions.EmailChangeRequested, AuditActions.EmailChanged, AuditActions.EmailChangeUndone);
    }

    [Fact]
    public async Task The_undo_link_still_works_after_whoever_took_the_address_changes_the_password_and_locks_them_out()
    {
        await RequestAsync("member@acme.test", "mia@new.test", "Demo-Passw0rd!");
        using var attacker = new PortalClient(Factory);
        await attacker.GetStringAsync((await Factory.ToAsync("mia@new.test")).Single().LinkTo("/Account/ConfirmEmailChange"));
        var undo = (await Factory.ToAsync("member@acme.test")).Last().LinkTo("/Account/UndoEmailChange");
        await ChangePasswordAsync("mia@new.test", "Demo-Passw0rd!", "attacker passphrase");
        await attacker.SignInAsync("mia@new.test", "attacker passphrase");
        Factory.Time.Advance(TimeSpan.FromDays(2));

        using var owner = new PortalClient(Factory);
        (await owner.GetStringAsync(undo)).ShouldContain("Your previous address is your sign-in again");

        await using var db = Factory.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == "member@acme.test");
        user.EmailConfirmed.ShouldBeTrue();
        (await Factory.SessionsAsync("member@acme.test")).ShouldAllBe(s => s.RevokedAt != null);
        (await attacker.SignInAsync("member@acme.test", "attacker passphrase")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await attacker.SignInAsync("mia@new.test", "attacker passphrase")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.GetStringAsync(undo)).ShouldContain("not valid or has already been used");
    }

    [Fact]
    public async Task The_undo_link_expires()
    {
        await RequestAsync("member@acme.test", "mia@new.test", "Demo-Passw0rd!");
        using var client = new PortalClient(Factory);
        await client.GetStringAsync((await Factory.ToAsync("mia@new.test")).Single().LinkTo("/Account/ConfirmEmailChange"));
        var undo = (await Factory.ToAsync("member@acme.test")).Last().LinkTo("/Account/UndoEmailChange");

        Factory.Time.Advance(TimeSpan.FromDays(8));

        (await client.GetStringAsync(undo)).ShouldContain("not valid or has already been used");
        await using var db = Factory.CreateDbContext();
        (await db.Users.CountAsync(u => u.Email == "mia@new.test")).ShouldBe(1);
    }

    [Fact]
    public async Task The_wrong_current_password_changes_nothing_and_sends_nothing()
    {
        (await RequestAsync("member@acme.test", "mia@new.test", "not-my-password")).ShouldBe(EmailChangeRequest.WrongPassword);

        (await Factory.ToAsync("mia@new.test")).ShouldBeEmpty();
        (await Factory.ToAsync("member@acme.test")).ShouldBeEmpty();
        await AssertAuditedAsync();
    }

    [Fact]
    public async Task An_address_that_belongs_to_someone_else_gets_the_same_answer_and_changes_nothing()
    {
        (await RequestAsync("member@acme.test", "owner@acme.test", "Demo-Passw0rd!")).ShouldBe(EmailChangeRequest.Sent);

        (await Factory.ToAsync("owner@acme.test")).ShouldHaveSingleItem().Subject.ShouldContain("tried to use your address");
        await using var db = Factory.CreateDbContext();
        (await db.Users.CountAsync(u => u.Email == "member@acme.test")).ShouldBe(1);
    }

    [Fact]
    public async Task A_forged_confirmation_link_changes_nothing()
    {
        using var client = new PortalClient(Factory);
        await using var db = Factory.CreateDbContext();
        var id = await db.Users.Where(u => u.Email == "member@acme.test").Select(u => u.Id).SingleAsync();

        (await client.GetStringAsync($"/Account/ConfirmEmailChange?userId={id}&email=evil%40x.test&code=Zm9yZ2Vk")).ShouldContain("not valid");

        (await db.Users.SingleAsync(u => u.Id == id)).Email.ShouldBe("member@acme.test");
    }

    private async Task<EmailChangeRequest> RequestAsync(string email, string newEmail, string password)
    {
        using var scope = await Factory.ScopeForAsync(email);
        return await scope.ServiceProvider.GetRequiredService<EmailChange>().RequestAsync(newEmail, password);
    }

    private async Task ChangePasswordAsync(string email, string current, string next)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Web.Data.PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        (await users.ChangePasswordAsync(user!, current, next)).Succeeded.ShouldBeTrue();
    }

    private async Task AssertAuditedAsync(params string[] actions)
    {
        await using var db = Factory.CreateDbContext();
        var recorded = await db.AuditEvents.Where(e => e.Action.StartsWith("account.email_change") || e.Action == AuditActions.EmailChanged)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        recorded.ShouldBe(actions);
    }
}
