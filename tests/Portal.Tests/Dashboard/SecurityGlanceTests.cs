using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Account;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Security;

namespace Portal.Tests.Dashboard;

public sealed class SecurityGlanceTests : AppTest
{
    [Fact]
    public async Task The_home_page_names_the_sign_in_before_this_one_and_says_two_factor_is_off()
    {
        var userId = await Factory.UserIdAsync("member@acme.test");
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        await using (var db = Factory.CreateDbContext())
        {
            db.SignInAttempts.AddRange(
                Attempt(userId, now.AddDays(-3), "Firefox on Linux", SignInOutcome.Succeeded),
                Attempt(userId, now.AddDays(-1), "Safari on iPhone", SignInOutcome.WrongPassword),
                Attempt(userId, now, "Chrome on Windows", SignInOutcome.Succeeded));
            await db.SaveChangesAsync();
        }

        using var scope = await Factory.ScopeForSessionAsync("member@acme.test", Guid.NewGuid());
        var security = (await scope.ServiceProvider.GetRequiredService<DashboardService>().GetSummaryAsync())!.Security;

        security.PreviousSignInDevice.ShouldBe("Firefox on Linux");
        security.PreviousSignInAt.ShouldBe(now.AddDays(-3));
        security.TwoFactorEnabled.ShouldBeFalse();
        security.Passkeys.ShouldBe(0);
    }

    private static SignInAttempt Attempt(string userId, DateTime at, string device, SignInOutcome outcome) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        OccurredAt = at,
        Outcome = outcome,
        Method = SignInMethods.Password,
        Device = device,
    };
}
