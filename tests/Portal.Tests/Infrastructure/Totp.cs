using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// An authenticator app in miniature (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits), written apart
/// from the app's own check so a shared mistake cannot make both agree.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        var message = new byte[8];
        for (var i = message.Length - 1; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xFF);
            counter >>= 8;
        }

#pragma warning disable CA5350 // RFC 6238's default algorithm, which authenticator apps use.
        using var hmac = new HMACSHA1(FromBase32(base32Key));
#pragma warning restore CA5350
        var hash = hmac.ComputeHash(message);
        var offset = hash[^1] & 0x0F;
        var truncated = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (truncated % 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
    }

    /// <summary>A 6-digit code that is not the right one at <paramref name="at"/>, nor for the steps either side.</summary>
    public static string WrongCode(string base32Key, DateTimeOffset at)
    {
        var right = new[] { -30, 0, 30 }.Select(s => Code(base32Key, at.AddSeconds(s))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !right.Contains(c));
    }

    private static byte[] FromBase32(string text)
    {
        // Five bits per character, written out as a string of 0s and 1s and read back eight at a time.
        var bits = new StringBuilder();
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            bits.Append(Convert.ToString(Base32Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0'));
        }

        var all = bits.ToString();
        return [.. Enumerable.Range(0, all.Length / 8).Select(i => Convert.ToByte(all.Substring(i * 8, 8), 2))];
    }
}
