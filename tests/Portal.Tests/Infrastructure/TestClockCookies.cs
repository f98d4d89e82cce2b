using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Keeps a client's cookies as a browser would, but on the test clock: a cookie's <c>expires</c> is read against the app's
/// clock and kept for the same time from now, so a cookie the app issues on its (earlier) test date is not thrown away as
/// long expired by the real one. The app still checks each ticket's own expiry on its clock. Response headers reach the
/// test untouched.
/// </summary>
internal sealed partial class TestClockCookies(CookieContainer cookies, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = cookies.GetCookieHeader(uri);
        if (header.Length > 0)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                cookies.SetCookies(uri, OnRealClock(value));
            }
        }

        return response;
    }

    private string OnRealClock(string setCookie) => Expires().Replace(setCookie, match =>
    {
        if (!DateTimeOffset.TryParse(match.Groups["date"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
            || expires <= clock.GetUtcNow())
        {
            return match.Value; // Unreadable, or a deletion: as sent.
        }

        var real = DateTimeOffset.UtcNow + (expires - clock.GetUtcNow());
        return $"expires={real.ToString("R", CultureInfo.InvariantCulture)}";
    });

    [GeneratedRegex("expires=(?<date>[^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Expires();
}
