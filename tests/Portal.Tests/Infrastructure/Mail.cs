using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Email;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads what the app put in the outbox for an address.</summary>
public static partial class Mail
{
    public static async Task<List<OutboxMessage>> ToAsync(this PortalFactory factory, string address)
    {
        await using var db = factory.CreateDbContext();
        return await db.OutboxMessages.Where(m => m.To == address).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>The first link in the message whose path starts with the given prefix, as a relative URL.</summary>
    public static string LinkTo(this OutboxMessage message, string pathPrefix)
    {
        foreach (Match match in HrefPattern().Matches(message.HtmlBody))
        {
            var uri = new Uri(WebUtility.HtmlDecode(match.Groups["href"].Value));
            if (uri.AbsolutePath.StartsWith(pathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return uri.PathAndQuery;
            }
        }

        throw new InvalidOperationException($"No link to {pathPrefix} in '{message.Subject}'.");
    }

    [GeneratedRegex("href=\"(?<href>[^\"]+)\"")]
    private static partial Regex HrefPattern();
}
