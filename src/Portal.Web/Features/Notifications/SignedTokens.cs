using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Features.Notifications;

/// <summary>The tokens in email links: data-protected lines of text, read back whole or not at all.</summary>
internal static class SignedTokens
{
    public static string Seal(IDataProtector protector, params string[] parts) => protector.Protect(string.Join('\n', parts));

    /// <summary>The token's lines, or null when it is missing, too long, altered, made for another purpose, or has another shape.</summary>
    public static string[]? Open(IDataProtector protector, string? token, int parts)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var lines = protector.Unprotect(token).Split('\n');
            return lines.Length == parts ? lines : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
