using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// One browser signing in over and over. It loads the sign-in page once for the antiforgery cookie and token, then
/// posts the form with them each time. Cookies are handled by hand: the auth cookie is Secure and this is plain HTTP,
/// so a cookie container would drop it; it is only inspected here, never sent back, so every post is anonymous.
/// </summary>
internal sealed partial class LoginClient : IDisposable
{
    private const string AntiforgeryCookie = "Portal.Antiforgery=";
    private const string AuthCookie = "__Host-Portal=";
    private static readonly Uri LoginPath = new("/Account/Login", UriKind.Relative);

    private readonly HttpClient _http;
    private string? _cookie;
    private string? _token;

    public LoginClient(Uri baseAddress)
    {
        if (!baseAddress.IsLoopback)
        {
            throw new ArgumentException($"Load goes only to loopback addresses, not {baseAddress}.", nameof(baseAddress));
        }

        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false, MaxConnectionsPerServer = 1 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The status and start of the body of the last response that was not a sign-in.</summary>
    public string? LastFailure { get; private set; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(LoginPath, cancellationToken);
        var page = await response.Content.ReadAsStringAsync(cancellationToken);
        var token = TokenPattern().Match(page);
        _cookie = SetCookies(response).Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal));
        if (response.StatusCode != HttpStatusCode.OK || !token.Success || _cookie is null)
        {
            throw new InvalidOperationException($"GET /Account/Login gave {(int)response.StatusCode} without an antiforgery cookie and token.");
        }

        _token = WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    /// <summary>Posts the sign-in form; true when the app answered with a redirect that sets the auth cookie.</summary>
    public async Task<bool> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPath)
        {
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("__RequestVerificationToken", _token ?? throw new InvalidOperationException("Call PrepareAsync first.")),
                new("Input.Email", email),
                new("Input.Password", password),
            ]),
        };
        request.Headers.Add("Cookie", _cookie);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Redirect && SetCookies(response).Any(c => c.StartsWith(AuthCookie, StringComparison.Ordinal)))
        {
            return true;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        LastFailure = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        return false;
    }

    public void Dispose() => _http.Dispose();

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TokenPattern();
}
