using System.Security.Cryptography;
using System.Text;

namespace Portal.Web.Account;

/// <summary>
/// Two-factor recovery codes: 120 random bits each (24 characters of an unambiguous alphabet), so a plain SHA-256 is
/// enough to store them (OWASP ASVS 6.5.2 asks for a slow salted hash only below 112 bits). Only hashes are kept.
/// </summary>
internal static class RecoveryCodes
{
    // Crockford's base32 alphabet: no I, L, O or U to misread or mistype.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 24;
    private const int GroupSize = 4;

    /// <summary>A new code for the person to write down, grouped as XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.</summary>
    public static string Create()
    {
        var code = new StringBuilder(Length + (Length / GroupSize));
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % GroupSize == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.ToString();
    }

    /// <summary>The stored form of a code as typed: separators and case do not matter, and O, I, L read as 0, 1, 1.</summary>
    public static string Hash(string code)
    {
        var normalized = new StringBuilder(code.Length);
        foreach (var c in code.ToUpperInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                normalized.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
            }
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(normalized.ToString())));
    }

    /// <summary>Whether a stored hash is the given one, in time that does not depend on where they differ.</summary>
    public static bool Matches(string storedHash, string candidateHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(candidateHash));
}
