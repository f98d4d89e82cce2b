using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Security;

/// <summary>
/// Tells whether a browser has signed in to an account before, from a random token the browser keeps in a cookie.
/// A browser without the cookie, or whose token this account has never seen, is a new device.
/// </summary>
internal static class KnownDevices
{
    public const string CookieName = "__Host-Portal.Device";

    public static async Task<bool> IsKnownAsync(PortalDbContext db, string userId, HttpContext http)
    {
        var hash = TokenHash(http);
        return hash is not null && await db.KnownDevices.AnyAsync(d => d.UserId == userId && d.TokenHash == hash);
    }

    /// <summary>Remembers the browser for the account. Returns whether it was new, and whether the account had any device before.</summary>
    public static async Task<(bool IsNew, bool HadDevices)> RememberAsync(PortalDbContext db, string userId, string device, DateTime now, HttpContext http)
    {
        var hash = TokenHash(http);

        // A person has a handful of browsers: one read answers both "is this one known?" and "is it the first?".
        var devices = await db.KnownDevices.Where(d => d.UserId == userId).ToListAsync();
        if (hash is not null && devices.Find(d => d.TokenHash == hash) is { } known)
        {
            known.LastSeenAt = now;
            known.Device = device;
            return (false, true);
        }

        var hadDevices = devices.Count > 0;
        if (hash is null)
        {
            var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            http.Response.Cookies.Append(CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(400),
            });
            hash = Hash(token);
        }

        db.KnownDevices.Add(new KnownDevice { Id = Guid.CreateVersion7(), UserId = userId, TokenHash = hash, Device = device, FirstSeenAt = now, LastSeenAt = now });
        return (true, hadDevices);
    }

    private static string? TokenHash(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName, out var token) && token is { Length: > 20 and < 100 } ? Hash(token) : null;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
