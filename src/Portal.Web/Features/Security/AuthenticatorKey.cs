using QRCoder;

namespace Portal.Web.Features.Security;

/// <summary>How a new authenticator key is handed to the person: a QR code to scan, or the key to type in groups of 4.</summary>
internal static class AuthenticatorKey
{
    private const string Issuer = "Portal";

    /// <summary>The key-provisioning URI authenticator apps read from the QR code.</summary>
    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>"ABCD EFGH IJKL ...": easier to copy by hand without losing one's place.</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(group => new string(group)));

    /// <summary>Inline SVG markup (no script, no data URI), dark on white whatever the theme so every camera reads it.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
