using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Tests.Components;

public sealed class ImpersonationBannerTests : ComponentTest
{
    private readonly FakeTimeProvider time = TestClock.Create();

    public ImpersonationBannerTests()
    {
        Context.Services.AddSingleton<TimeProvider>(time);
    }

    [Fact]
    public void Shows_whom_the_agent_acts_as_the_time_left_and_stop_and_counts_down()
    {
        SignIn(impersonated: true, readOnly: true, endsIn: TimeSpan.FromMinutes(10));

        var banner = Context.Render<ImpersonationBanner>();

        banner.Find("[data-testid=impersonation-banner]").TextContent.ShouldContain("You are acting as Mia Member (member@acme.test) for Portal support.");
        banner.Find("[data-testid=impersonation-time-left]").TextContent.ShouldBe("10:00");
        banner.Markup.ShouldContain("Read-only");
        banner.Find("form").GetAttribute("action").ShouldBe("support/impersonation/stop");
        banner.Find("form").GetAttribute("method").ShouldBe("post");

        time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30));

        banner.WaitForAssertion(() => banner.Find("[data-testid=impersonation-time-left]").TextContent.ShouldBe("5:30"));
    }

    [Fact]
    public void At_the_end_the_page_goes_back_to_the_person_s_record_in_the_console()
    {
        SignIn(impersonated: true, readOnly: false, endsIn: TimeSpan.FromSeconds(30));
        var navigation = Context.Services.GetRequiredService<NavigationManager>();

        var banner = Context.Render<ImpersonationBanner>();
        banner.Markup.ShouldNotContain("Read-only");
        time.Advance(TimeSpan.FromSeconds(32));

        banner.WaitForAssertion(() => navigation.Uri.ShouldEndWith("/support/users/mia-id"));
    }

    [Fact]
    public void Nothing_shows_for_a_person_signed_in_as_themselves()
    {
        SignIn(impersonated: false, readOnly: false, endsIn: TimeSpan.Zero);

        Context.Render<ImpersonationBanner>().Markup.Trim().ShouldBeEmpty();
    }

    private void SignIn(bool impersonated, bool readOnly, TimeSpan endsIn)
    {
        var auth = Context.AddAuthorization();
        auth.SetAuthorized("Mia Member");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "mia-id"),
            new(ClaimTypes.Email, "member@acme.test"),
            new(PortalClaims.DisplayName, "Mia Member"),
        };
        if (impersonated)
        {
            claims.AddRange(ImpersonationClaims.For(new ImpersonationSession
            {
                Id = Guid.NewGuid(), AgentId = "sam-id", ReadOnly = readOnly, ExpiresAt = (time.GetUtcNow() + endsIn).UtcDateTime,
            }));
        }

        auth.SetClaims([.. claims]);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
