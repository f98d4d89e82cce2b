using System.Globalization;
using Portal.Web.Features.Profiles.Photos;
using Portal.Web.Resources;

namespace Portal.Tests.Profiles.Photos;

public sealed class PhotoRefusalMessageTests
{
    public static TheoryData<string> Problems => [.. Enum.GetNames<PhotoProblem>()];

    [Theory]
    [MemberData(nameof(Problems))]
    public void Every_refusal_has_its_own_message_in_english_and_in_french(string problem)
    {
        var english = Strings.ResourceManager.GetString($"Photo_{problem}", CultureInfo.GetCultureInfo("en"));
        var french = Strings.ResourceManager.GetString($"Photo_{problem}", CultureInfo.GetCultureInfo("fr"));

        english.ShouldNotBeNullOrWhiteSpace();
        french.ShouldNotBeNullOrWhiteSpace();
        french.ShouldNotBe(english);
    }
}
