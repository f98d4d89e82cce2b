using System.Security.Claims;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class SecurityClaimsTests
{
    [Theory]
    [InlineData("mfa", false)]
    [InlineData("pwd", true)]
    public void Only_a_two_factor_session_is_excused_from_setting_up_two_factor(string method, bool stillAsked)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(SecurityClaims.AuthenticationMethodReference, method), new Claim(SecurityClaims.TwoFactorSetupRequired, "true")], "test"));

        SecurityClaims.MeetTwoFactorRule(principal);

        principal.HasClaim(c => c.Type == SecurityClaims.TwoFactorSetupRequired).ShouldBe(stillAsked);
    }
}
