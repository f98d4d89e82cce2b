using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Web.Features.Profiles;

/// <summary>The rules every profile field must meet, whoever edits it.</summary>
public static partial class ProfileRules
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 30;
    public const int NameMaxLength = 100;
    public const int LineMaxLength = 200;
    public const int BioMaxLength = 500;

    private static readonly HashSet<string> ReservedUsernames = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "root", "system", "support", "help", "portal", "staff", "security", "api", "account",
        "accounts", "login", "logout", "register", "settings", "profile", "u", "me", "null", "undefined", "www", "mail",
        "sitemap", "robots", "health", "organisation", "organization", "owner", "moderator", "official",
    };

    public static IReadOnlyList<RegionInfo> Countries { get; } = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => c.Name)
        .Select(TryRegion)
        .OfType<RegionInfo>()
        .Where(r => r.TwoLetterISORegionName.Length == 2 && r.TwoLetterISORegionName.All(char.IsAsciiLetterUpper))
        .DistinctBy(r => r.TwoLetterISORegionName)
        .OrderBy(r => r.EnglishName, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string NormalizeUsername(string username) => username.ToUpperInvariant();

    public static bool IsUsernameWellFormed(string username) => UsernamePattern().IsMatch(username);

    public static bool IsUsernameReserved(string username) => ReservedUsernames.Contains(username);

    public static bool IsCountry(string code) => Countries.Any(c => c.TwoLetterISORegionName == code);

    public static bool IsTimeZone(string id) => TimeZones.Contains(id, StringComparer.Ordinal);

    /// <summary>
    /// Refuses invisible and control characters (zero-width spaces, direction overrides, NUL...), which can disguise
    /// one name as another; line breaks are allowed only where <paramref name="multiline"/>.
    /// </summary>
    public static bool HasOnlyVisibleText(string value, bool multiline = false)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (multiline && (rune.Value == '\n' || rune.Value == '\r'))
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Turns "+44 (0)20 7946-0958" or "0044 20 7946 0958" into E.164 (+442079460958); null when it cannot.</summary>
    public static string? ToE164(string phone)
    {
        var text = phone.Trim().Replace("(0)", "", StringComparison.Ordinal);
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        if (!text.StartsWith('+') || !PhoneCharacters().IsMatch(text))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
    }

    private static RegionInfo? TryRegion(string cultureName)
    {
        try
        {
            return new RegionInfo(cultureName);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{3,30}$", RegexOptions.None, 100)]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^\+[0-9 ().-]+$", RegexOptions.None, 100)]
    private static partial Regex PhoneCharacters();
}
