using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Infrastructure;

/// <summary>A browser-like client for static SSR forms: keeps cookies, fills the antiforgery token, posts forms.</summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient(PortalFactory factory, string baseAddress = "https://localhost", Action<IWebHostBuilder>? configure = null)
    {
        Cookies = new CookieContainer();
        var app = configure is null ? factory : factory.WithWebHostBuilder(configure);
        _http = app.CreateDefaultClient(new Uri(baseAddress), new TestClockCookies(Cookies, factory.Time));
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public async Task<string> GetStringAsync(string path) => await (await _http.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();

    /// <summary>
    /// Loads the page, then posts the named form with the given fields (plus its hidden fields). A crafted post to a
    /// page that shows no form takes its antiforgery token from <paramref name="tokenPage"/>. A <paramref name="host"/>
    /// replaces the Host header of the post alone, as a forging client would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IDictionary<string, string> fields, string? tokenPage = null, string? host = null)
    {
        var page = await GetStringAsync(tokenPage ?? path);
        var values = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = TokenOn(page, path),
            ["_handler"] = formName,
        };
        foreach (Match hidden in HiddenPattern().Matches(page))
        {
            values.TryAdd(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Target(path)) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Host = host;
        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = "Demo-Passw0rd!", bool rememberMe = false)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (rememberMe)
        {
            fields["Input.RememberMe"] = "true";
        }

        return await SubmitAsync("/Account/Login", "login", fields);
    }

    /// <summary>Posts to an endpoint the way the pages' scripts do: no body, the token from <paramref name="page"/> in a header.</summary>
    public async Task<HttpResponseMessage> PostFromPageAsync(string endpoint, string page, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, UriKind.Relative));
        var html = await GetStringAsync(page);
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", TokenOn(html, page));
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A path, or an absolute address for paths a relative URI cannot carry (one starting with "//").</summary>
    private static Uri Target(string path) =>
        path.StartsWith("https://", StringComparison.Ordinal) || path.StartsWith("http://", StringComparison.Ordinal) ? new Uri(path) : new Uri(path, UriKind.Relative);

    private static string TokenOn(string html, string path)
    {
        var token = TokenPattern().Match(html);
        return token.Success ? WebUtility.HtmlDecode(token.Groups["token"].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>Input\\.[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
