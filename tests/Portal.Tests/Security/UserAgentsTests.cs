using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class UserAgentsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows", false)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows", false)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari", "macOS", false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "iPhone", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome", "Android", true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/114.0.0.0", "Opera", "Windows", false)]
    [InlineData("curl/8.5.0", "Script or tool", "Unknown", false)]
    public void A_user_agent_is_described_as_a_person_would_recognise_it(string userAgent, string browser, string system, bool mobile)
    {
        UserAgents.Describe(userAgent).ShouldBe(new DeviceDescription(browser, system, mobile));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_user_agent_is_unknown(string? userAgent)
    {
        UserAgents.Describe(userAgent).ToString().ShouldBe("Unknown on Unknown");
    }

    [Fact]
    public void An_enormous_user_agent_is_read_only_in_part()
    {
        var huge = "Mozilla/5.0 (Windows NT 10.0) " + new string('x', 100_000) + " Firefox/128.0";

        UserAgents.Describe(huge).Browser.ShouldBe(UserAgents.Unknown);
    }
}
