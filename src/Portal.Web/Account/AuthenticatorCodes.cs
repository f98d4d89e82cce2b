using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;

namespace Portal.Web.Account;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) against the app's own clock, and
/// lets each code work only once (OWASP ASVS 6.5.1): the last step used is remembered and no code at or before it is
/// accepted again. Identity's provider would accept the same code for three minutes, any number of times.
/// </summary>
internal sealed class AuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string LoginProvider = "[PortalAuthenticator]";
    public const string LastStepTokenName = "LastUsedStep";

    private const int StepSeconds = 30;

    // One step either way: a phone clock a few seconds off, or a code typed just as it changes, still works.
    private const int Drift = 1;

    /// <summary>Apps show codes as "123 456" and people copy them with spaces or hyphens; only the digits count.</summary>
    public static string StripSeparators(string? code) =>
        new((code ?? "").Where(c => c is not (' ' or '-' or '\u00a0')).ToArray());

    /// <summary>Whether a code has the shape of one (6 digits), before spending an attempt on it.</summary>
    public static bool IsWellFormed(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Nothing is sent: the code comes from the person's app.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        if (token is null || !IsWellFormed(token)
            || await manager.GetAuthenticatorKeyAsync(user) is not { } key || !TryDecodeBase32(key, out var secret))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepTokenName), CultureInfo.InvariantCulture, out var step)
            ? step : long.MinValue;
        for (var candidate = now - Drift; candidate <= now + Drift; candidate++)
        {
            if (candidate > lastUsed && CryptographicOperations.FixedTimeEquals(Code(secret, candidate), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                // Saving updates the account's concurrency stamp, so of two requests racing with one code only one succeeds.
                var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepTokenName, candidate.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }

    private static byte[] Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; as a keyed MAC it is not weakened by SHA-1 collisions.
        HMACSHA1.HashData(secret, counter, mac);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFFFFFF;
        return System.Text.Encoding.ASCII.GetBytes((value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
    }

    private static bool TryDecodeBase32(string text, out byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        bytes = [.. output];
        return bytes.Length > 0;
    }
}
