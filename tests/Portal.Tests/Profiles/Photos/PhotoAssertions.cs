using System.Text;
using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

internal static class PhotoAssertions
{
    public static InspectedPhoto ShouldBeAccepted(this PhotoCheck check)
    {
        check.Problem.ShouldBeNull();
        check.IsAccepted.ShouldBeTrue();
        return check.Photo;
    }

    public static void ShouldBeRejectedAs(this PhotoCheck check, PhotoProblem problem)
    {
        check.Photo.ShouldBeNull();
        check.Problem.ShouldBe(problem);
    }

    public static bool ContainsAscii(this byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    public static bool ContainsBytes(this byte[] bytes, params byte[] sequence) => bytes.AsSpan().IndexOf(sequence) >= 0;
}
