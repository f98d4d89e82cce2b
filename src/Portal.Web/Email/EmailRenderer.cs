using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Portal.Web.Email.Templates;

namespace Portal.Web.Email;

public sealed record RenderedEmail(string Subject, string Html, string Text);

/// <summary>The footer of an optional email: why it came, and the links that stop it.</summary>
public sealed record EmailFooter(string Reason, string UnsubscribeText, string UnsubscribeUrl, string SettingsText, string SettingsUrl);

/// <summary>Renders an email template (a Razor component) to HTML and plain text, in the recipient's language.</summary>
public sealed partial class EmailRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<RenderedEmail> RenderAsync<TTemplate>(string subject, IDictionary<string, object?> parameters, CultureInfo? culture = null, EmailFooter? footer = null, string? trackingPixelUrl = null)
        where TTemplate : IComponent
    {
        var previousCulture = CultureInfo.CurrentUICulture;
        if (culture is not null)
        {
            CultureInfo.CurrentUICulture = culture;
        }

        try
        {
            await using var renderer = new HtmlRenderer(services, loggerFactory);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<EmailLayout>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(EmailLayout.Subject)] = subject,
                    [nameof(EmailLayout.Body)] = typeof(TTemplate),
                    [nameof(EmailLayout.BodyParameters)] = parameters,
                    [nameof(EmailLayout.Footer)] = footer,
                    [nameof(EmailLayout.TrackingPixelUrl)] = trackingPixelUrl,
                }));
                return output.ToHtmlString();
            });
            return new RenderedEmail(subject, html, ToText(html));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }

    private static string ToText(string html)
    {
        var withLinks = LinkPattern().Replace(html, m => $"{m.Groups["text"].Value} ({m.Groups["href"].Value})");
        var withBreaks = BlockEndPattern().Replace(withLinks, "\n");
        var text = WebUtility.HtmlDecode(TagPattern().Replace(withBreaks, ""));
        return BlankLinesPattern().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex("<a [^>]*href=\"(?<href>[^\"]*)\"[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline, 1000)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("</(p|h1|h2|div|li|tr)>|<br ?/?>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BlockEndPattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.None, 1000)]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\n\\s*\\n+", RegexOptions.None, 1000)]
    private static partial Regex BlankLinesPattern();
}
