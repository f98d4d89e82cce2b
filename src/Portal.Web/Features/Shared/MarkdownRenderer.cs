using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Web.Features.Shared;

/// <summary>
/// Turns Markdown that people write (announcements, testimonials) into HTML that is safe to show on a page or send in
/// an email. Raw HTML is shown as text, only absolute http, https and mailto links keep their address, images become
/// links named by their alternative text — a remote image would tell its host when and where the message was opened —
/// and the result passes an allow-list sanitizer last, so nothing Markdig lets through can carry script.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly string[] AllowedSchemes = [Uri.UriSchemeHttps, Uri.UriSchemeHttp, Uri.UriSchemeMailto];

    // Shared across threads: Sanitize is safe to call concurrently once the options and handlers are set.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (image.Parent?.FindParentOfType<LinkInline>().Any() == true)
            {
                // Already inside a link: its text is enough, and links do not nest.
                image.ReplaceBy(new LiteralInline(string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()))), copyChildren: false);
                continue;
            }

            image.IsImage = false;
            if (image.FirstChild is null)
            {
                image.AppendChild(new LiteralInline(image.Url ?? ""));
            }
        }

        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafe(l.Url)))
        {
            link.Url = "";
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(l => !l.IsEmail && !IsSafe(l.Url)))
        {
            link.Url = "";
        }

        return Sanitize(document.ToHtml(Pipeline));
    }

    /// <summary>The last step on its own: keeps only formatting, lists, quotes, code and web or mail links.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del",
            "ul", "ol", "li", "a", "code", "pre", "blockquote"]);
        options.AllowedAttributes.UnionWith(["href", "start"]);
        options.UriAttributes.Add("href");
        options.AllowedSchemes.UnionWith(AllowedSchemes);

        var sanitizer = new HtmlSanitizer(options);

        // The scheme list alone would let relative and protocol-relative addresses through; mail needs absolute ones.
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = IsSafe(e.SanitizedUrl) ? e.SanitizedUrl : null;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement { LocalName: "a" } link)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(link.GetAttribute("href")))
            {
                // A refused address leaves plain text behind, not a link back to the page it is read on.
                link.RemoveAttribute("href");
                return;
            }

            link.SetAttribute("rel", "noopener noreferrer nofollow");
        };
        return sanitizer;
    }
}
