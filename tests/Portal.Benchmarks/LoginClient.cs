using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>
/// One browser signing in over and over. It loads the sign-in page once for the antiforgery cookie and token, then
/// posts the form with them each time. Cookies are handled by hand: the auth cookie is Secure and this is plain HTTP,
/// so a cookie container would drop it; it is only inspected here, never sent back, so every post is anonymous.
/// Unless told to arrive as a new device every time, it remembers the device cookie the app gives each person and
/// sends it back, as a returning person's own browser does.
/// </summary>
internal sealed partial class LoginClient : IDisposable
{
    private const string AntiforgeryCookie = "Portal.Antiforgery=";
    private const string AuthCookie = "__Host-Portal=";
    private const string DeviceCookie = "__Host-Portal.Device=";
    private static readonly Uri LoginPath = new("/Account/Login", UriKind.Relative);

    private readonly HttpClient _http;
    private readonly Dictionary<string, string>? _devices;
    private string? _cookie;
    private string? _token;

    public LoginClient(Uri baseAddress, bool rememberDevices)
    {
        _devices = rememberDevices ? new(StringComparer.Ordinal) : null;
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
        request.Headers.Add("Cookie", _devices?.GetValueOrDefault(email) is { } device ? $"{_cookie}; {device}" : _cookie);
        using var response = await _http.SendAsync(request, cancellationToken);
        var cookies = SetCookies(response).Select(c => c.Split(';')[0]).ToList();
        if (response.StatusCode == HttpStatusCode.Redirect && cookies.Exists(c => c.StartsWith(AuthCookie, StringComparison.Ordinal)))
        {
            if (_devices is not null && cookies.Find(c => c.StartsWith(DeviceCookie, StringComparison.Ordinal)) is { } issued)
            {
                _devices[email] = issued;
            }

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
