using System.Text.RegularExpressions;

namespace Portal.Web.Features.Security;

/// <summary>What a person recognises about a device in their session list and sign-in history.</summary>
public sealed record DeviceDescription(string Browser, string OperatingSystem, bool IsMobile)
{
    public override string ToString() => $"{Browser} on {OperatingSystem}";
}

/// <summary>
/// Reads the browser family and operating system from a User-Agent header. Deliberately coarse (no versions): enough
/// to tell "Firefox on Windows" from "Safari on iPhone", which is what a person checking their sign-ins needs.
/// </summary>
public static partial class UserAgents
{
    public const string Unknown = "Unknown";

    public static DeviceDescription Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new DeviceDescription(Unknown, Unknown, false);
        }

        var ua = userAgent.Length > 512 ? userAgent[..512] : userAgent;
        return new DeviceDescription(Browser(ua), OperatingSystem(ua), MobilePattern().IsMatch(ua));
    }

    // Order matters: Edge and Opera claim Chrome, Chrome claims Safari, and every browser claims Mozilla.
    private static string Browser(string ua) =>
        Contains(ua, "Edg/") || Contains(ua, "Edge/") ? "Edge"
        : Contains(ua, "OPR/") || Contains(ua, "Opera") ? "Opera"
        : Contains(ua, "SamsungBrowser/") ? "Samsung Internet"
        : Contains(ua, "Firefox/") || Contains(ua, "FxiOS/") ? "Firefox"
        : Contains(ua, "Chrome/") || Contains(ua, "CriOS/") || Contains(ua, "Chromium/") ? "Chrome"
        : Contains(ua, "Safari/") && Contains(ua, "Version/") ? "Safari"
        : Contains(ua, "curl/") || Contains(ua, "python-requests") || Contains(ua, "HttpClient") ? "Script or tool"
        : Unknown;

    private static string OperatingSystem(string ua) =>
        Contains(ua, "iPhone") ? "iPhone"
        : Contains(ua, "iPad") ? "iPad"
        : Contains(ua, "Android") ? "Android"
        : Contains(ua, "Windows") ? "Windows"
        : Contains(ua, "Mac OS X") || Contains(ua, "Macintosh") ? "macOS"
        : Contains(ua, "CrOS") ? "ChromeOS"
        : Contains(ua, "Linux") ? "Linux"
        : Unknown;

    private static bool Contains(string ua, string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("Mobi|iPhone|Android.*Mobile", RegexOptions.IgnoreCase, 100)]
    private static partial Regex MobilePattern();
}
