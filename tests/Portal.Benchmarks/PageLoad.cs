using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Benchmarks;

/// <summary>A page to ask for and the heading it must show.</summary>
internal sealed record PageRequest(Uri Path, string Heading);

/// <summary>One answer: status, the text of the first <c>h1</c> (if any), the names of the cookies it sets, and the body.</summary>
internal sealed record PageFetch(HttpStatusCode Status, string? Heading, IReadOnlyList<string> Cookies, string? CacheControl, string Body);

/// <summary>A kind of page load: each request asks for one of <paramref name="Pages"/>, drawn uniformly at random.</summary>
internal sealed record PageTarget(string Label, IReadOnlyList<PageRequest> Pages);

/// <summary>
/// Anonymous readers: <c>concurrency</c> workers sharing one pooled client (a connection each, kept alive, no cookies,
/// no redirects), each sending its next GET as soon as the last one is answered. A request counts when the answer is
/// a 200 whose first <c>h1</c> is the expected heading. Every loop is bounded in time and count.
/// </summary>
internal sealed partial class PageLoad : IDisposable
{
    private const int MaxRequestsPerWorker = 1_000_000;

    private readonly HttpClient _http;
    private readonly int _concurrency;

    public PageLoad(Uri baseAddress, int concurrency)
    {
        if (!baseAddress.IsLoopback)
        {
            throw new ArgumentException($"Load goes only to loopback addresses, not {baseAddress}.", nameof(baseAddress));
        }

        _concurrency = concurrency;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            MaxConnectionsPerServer = concurrency,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The path, status and heading or start of the body of the last request that did not count.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Loads pages for a ramp-up and a counted window; returns what finished in the window.</summary>
    public async Task<Measurement> RunAsync(PageTarget target, TimeSpan rampUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        var window = new MeasurementWindow(rampUp, rampUp + duration);
        await Task.WhenAll(Enumerable.Range(0, _concurrency).Select(async _ =>
        {
            for (var i = 0; i < MaxRequestsPerWorker && window.Running; i++)
            {
                var page = target.Pages[Random.Shared.Next(target.Pages.Count)];
                var started = window.Now;
                var succeeded = await GetAsync(page, cancellationToken);
                window.Record(started, succeeded);
            }
        }));
        return window.Result();
    }

    /// <summary>True when the page answers 200 with its expected heading.</summary>
    public async Task<bool> GetAsync(PageRequest page, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await FetchAsync(page.Path, cancellationToken);
            if (answer.Status == HttpStatusCode.OK && string.Equals(answer.Heading, page.Heading, StringComparison.Ordinal))
            {
                return true;
            }

            LastFailure = $"{page.Path} {(int)answer.Status} {answer.Heading ?? answer.Body[..Math.Min(answer.Body.Length, 300)]}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastFailure = $"{page.Path} {exception.GetType().Name}: {exception.Message}";
        }

        return false;
    }

    /// <summary>One GET, whatever it answers.</summary>
    public async Task<PageFetch> FetchAsync(Uri path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var heading = HeadingPattern().Match(body);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split('=')[0]).ToList() : [];
        return new PageFetch(response.StatusCode, heading.Success ? WebUtility.HtmlDecode(heading.Groups["text"].Value) : null,
            cookies, response.Headers.CacheControl?.ToString(), body);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<h1[^>]*>(?<text>[^<]*)</h1>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeadingPattern();
}
