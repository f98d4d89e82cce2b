using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class PasswordChangeTests : AppTest
{
    private const string Member = "member@acme.test";
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task Changing_the_password_can_end_the_other_sessions_and_is_announced_and_audited()
    {
        var (here, elsewhere) = await SignInTwiceAsync();

        var result = await ChangeAsync("Demo-Passw0rd!", endOthers: true);

        result.Succeeded.ShouldBeTrue();
        result.OtherSessionsEnded.ShouldBe(1);
        (await here.IsSignedInAsync()).ShouldBeTrue();
        (await elsewhere.IsSignedInAsync()).ShouldBeFalse();
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Your Portal password was changed");
        await using var db = Factory.CreateDbContext();
        var userId = await Factory.UserIdAsync(Member);
        db.AuditEvents.Single(e => e.SubjectId == userId && e.Action == AuditActions.PasswordChanged).ActorId.ShouldBe(userId);
        (await here.SignInAsync(Member, NewPassword)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Keeping_the_other_sessions_is_the_person_s_choice()
    {
        var (here, elsewhere) = await SignInTwiceAsync();

        (await ChangeAsync("Demo-Passw0rd!", endOthers: false)).Succeeded.ShouldBeTrue();

        (await here.IsSignedInAsync()).ShouldBeTrue();
        (await elsewhere.IsSignedInAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_ends_nothing()
    {
        var (_, elsewhere) = await SignInTwiceAsync();

        var result = await ChangeAsync("not-the-password", endOthers: true);

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldContain("current password is not correct");
        (await elsewhere.IsSignedInAsync()).ShouldBeTrue();
        (await Factory.ToAsync(Member)).ShouldNotContain(m => m.Subject == "Your Portal password was changed");
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await users.CheckPasswordAsync((await users.FindByEmailAsync(Member))!, "Demo-Passw0rd!")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_too_short_password_is_refused_with_the_reason()
    {
        await SignInTwiceAsync();

        var result = await ChangeAsync("Demo-Passw0rd!", endOthers: true, newPassword: "short");

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Contains("at least 10", StringComparison.Ordinal));
        result.OtherSessionsEnded.ShouldBe(0);
    }

    private async Task<(PortalClient Here, PortalClient Elsewhere)> SignInTwiceAsync()
    {
        var here = new PortalClient(Factory);
        var elsewhere = new PortalClient(Factory);
        await here.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await elsewhere.SignInAsync(Member);
        return (here, elsewhere);
    }

    private async Task<PasswordChangeResult> ChangeAsync(string current, bool endOthers, string newPassword = NewPassword)
    {
        var here = (await Factory.SessionsAsync(Member))[0];
        using var scope = await Factory.ScopeForSessionAsync(Member, here.Id);
        return await scope.ServiceProvider.GetRequiredService<PasswordChange>().ChangeAsync(current, newPassword, endOthers);
    }
}
