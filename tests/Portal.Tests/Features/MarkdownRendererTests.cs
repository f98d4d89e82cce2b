using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Portal.Web.Features.Shared;

namespace Portal.Tests.Features;

/// <summary>
/// Markdown people write is shown to others and mailed: whatever they type, nothing that can run script survives, and
/// ordinary formatting still does.
/// </summary>
public sealed class MarkdownRendererTests
{
    private static readonly HashSet<string> SafeElements =
        ["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "ul", "ol", "li", "a", "code", "pre", "blockquote"];

    private static readonly HashSet<string> SafeAttributes = ["href", "rel", "start"];

    private static readonly HashSet<string> SafeSchemes = ["http", "https", "mailto"];

    public static TheoryData<string> Attacks =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img srcset=\"https://portal.test/a.png 1x, javascript:alert(1) 2x\">",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
        "<a href=\"&#106;avascript:alert(1)\">click</a>",
        "<a href=\"&#x6A;avascript&#x3A;alert(1)\">click</a>",
        "<a href=\"java&#9;script:alert(1)\">click</a>",
        "<a href=\" javascript:alert(1)\">click</a>",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">click</a>",
        "<a href=\"vbscript:msgbox(1)\">click</a>",
        "[click](vbscript:msgbox(1))",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">click</text></a></svg>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<style>body { background: url(javascript:alert(1)) }</style>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math href=\"javascript:alert(1)\">click</math>",
        "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">click</maction></math>",
        "<a href=\"https://portal.test/\" title='\"><script>alert(1)</script>'>quoted</a>",
        "<a href='https://portal.test/' onmouseover=\"alert(1)\">hover</a>",
        "[hover](https://portal.test/\"onmouseover=\"alert(1))",
        "[hover](https://portal.test/ \"title\\\" onmouseover=\\\"alert(1)\")",
        "<javascript:alert(1)>",
        "<JaVaScRiPt:alert(1)>",
        "<data:text/html;base64,PHNjcmlwdD4=>",
        "[click][evil]\n\n[evil]: javascript:alert(1)",
        "[click][evil]\n\n[evil]: data:text/html;base64,PHNjcmlwdD4=",
        "![pic][evil]\n\n[evil]: javascript:alert(1)",
        "<!--<script>alert(1)</script>-->",
        "<!-- --!><script>alert(1)</script> -->",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        "<form action=\"javascript:alert(1)\"><input type=\"submit\"></form>",
        "<button formaction=\"javascript:alert(1)\">send</button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<details open ontoggle=alert(1)>",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<a href=\"//evil.example/\">protocol-relative</a>",
        "**bold <img src=x onerror=alert(1)>**",
        "`<script>alert(1)</script>`",
        "```\n</code></pre><script>alert(1)</script>\n```",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Nothing_that_can_run_script_survives_the_markdown(string attack) => ShouldBeInert(MarkdownRenderer.ToHtml(attack));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Nothing_that_can_run_script_survives_the_sanitizer_even_as_raw_html(string attack) => ShouldBeInert(MarkdownRenderer.Sanitize(attack));

    [Fact]
    public void Raw_html_in_markdown_is_shown_as_text()
    {
        var html = MarkdownRenderer.ToHtml("<b onclick=\"alert(1)\">hi</b>");

        html.ShouldBe("<p>&lt;b onclick=\"alert(1)\"&gt;hi&lt;/b&gt;</p>\n");
    }

    [Fact]
    public void Headings_emphasis_and_quotes_are_rendered()
    {
        var html = MarkdownRenderer.ToHtml("# News\n\n## This week\n\nSome *quiet* and some **loud** words.\n\n> Quoted.");

        html.ShouldContain("<h1>News</h1>");
        html.ShouldContain("<h2>This week</h2>");
        html.ShouldContain("<p>Some <em>quiet</em> and some <strong>loud</strong> words.</p>");
        html.ShouldContain("<blockquote>\n<p>Quoted.</p>\n</blockquote>");
    }

    [Fact]
    public void Lists_are_rendered_and_numbered_lists_keep_their_start()
    {
        var html = MarkdownRenderer.ToHtml("- one\n- two\n\n3. three\n4. four");

        html.ShouldContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
        html.ShouldContain("<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>");
    }

    [Fact]
    public void Code_is_rendered_with_its_text_escaped()
    {
        var html = MarkdownRenderer.ToHtml("Use `a < b` here.\n\n```csharp\nif (a < b) { }\n```");

        html.ShouldContain("<code>a &lt; b</code>");
        html.ShouldContain("<pre><code>if (a &lt; b) { }\n</code></pre>");
    }

    [Theory]
    [InlineData("[site](https://portal.test/news)", "https://portal.test/news", "site")]
    [InlineData("[old](http://portal.test/)", "http://portal.test/", "old")]
    [InlineData("[write](mailto:help@portal.test)", "mailto:help@portal.test", "write")]
    [InlineData("<https://portal.test/auto>", "https://portal.test/auto", "https://portal.test/auto")]
    [InlineData("[news][n]\n\n[n]: https://portal.test/news", "https://portal.test/news", "news")]
    public void Web_and_mail_links_are_kept_and_pass_on_no_referrer_or_ranking(string markdown, string href, string text)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        html.ShouldContain($"<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">{text}</a>");
    }

    [Fact]
    public void A_link_whose_address_is_refused_keeps_its_text_and_links_nowhere()
    {
        var html = MarkdownRenderer.ToHtml("[click](javascript:alert(1))");

        html.ShouldBe("<p><a>click</a></p>\n");
    }

    [Fact]
    public void Links_written_as_html_get_the_same_rel_whatever_they_said()
    {
        var html = MarkdownRenderer.Sanitize("<a href=\"https://portal.test/\" rel=\"opener\" target=\"_blank\">site</a>");

        html.ShouldBe("<a href=\"https://portal.test/\" rel=\"noopener noreferrer nofollow\">site</a>");
    }

    private static void ShouldBeInert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);

        document.Head!.ChildNodes.ShouldBeEmpty(html);
        document.Descendants<IComment>().ShouldBeEmpty(html);
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            SafeElements.ShouldContain(element.LocalName, html);
            foreach (var attribute in element.Attributes)
            {
                SafeAttributes.ShouldContain(attribute.Name, html);
                if (attribute.Name == "href")
                {
                    Uri.TryCreate(attribute.Value, UriKind.Absolute, out var uri).ShouldBeTrue(html);
                    SafeSchemes.ShouldContain(uri!.Scheme, html);
                }
            }
        }
    }
}
