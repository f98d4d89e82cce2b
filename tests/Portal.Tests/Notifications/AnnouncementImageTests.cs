using AngleSharp.Html.Parser;
using Portal.Web.Features.Shared;

namespace Portal.Tests.Notifications;

/// <summary>A remote image in a message tells its sender when it is opened: announcements carry none.</summary>
public sealed class AnnouncementImageTests
{
    [Theory]
    [InlineData("![Our team](https://tracker.example/open.gif?u=1)")]
    [InlineData("![Our team][pic]\n\n[pic]: https://tracker.example/open.gif?u=1")]
    [InlineData("[![Our team](https://tracker.example/open.gif?u=1)](https://portal.test/news)")]
    [InlineData("<img src=\"https://tracker.example/open.gif?u=1\">")]
    public void Images_are_never_embedded(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        html.ShouldNotContain("<img", Case.Insensitive);
        // Raw HTML comes out as text, which may spell "src=": what matters is that no element carries the attribute.
        new HtmlParser().ParseDocument(html).QuerySelectorAll("[src]").ShouldBeEmpty();
    }

    [Fact]
    public void An_image_becomes_a_link_named_by_its_alternative_text()
    {
        var html = MarkdownRenderer.ToHtml("![Our team](https://portal.test/team.png)");

        html.ShouldContain("<a href=\"https://portal.test/team.png\" rel=\"noopener noreferrer nofollow\">Our team</a>");
    }

    [Fact]
    public void An_image_inside_a_link_leaves_its_text_in_the_link()
    {
        var html = MarkdownRenderer.ToHtml("[![Our team](https://tracker.example/open.gif)](https://portal.test/news)");

        html.ShouldContain("<a href=\"https://portal.test/news\" rel=\"noopener noreferrer nofollow\">Our team</a>");
        html.ShouldNotContain("tracker.example");
    }

    [Fact]
    public void An_image_with_an_unsafe_address_keeps_only_its_text()
    {
        var html = MarkdownRenderer.ToHtml("![Our team](javascript:alert(1))");

        html.ShouldContain("Our team");
        html.ShouldNotContain("script:", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
    }
}
