namespace Portal.Web;

/// <summary>Response headers that close off script injection, framing, sniffing and referrer leaks.</summary>
internal static class SecurityHeaders
{
    // MudBlazor sets inline styles on its components (popover positions, theme variables), so style-src allows them;
    // no inline or remote script is allowed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    private const string PolicyOverride = "portal:content-security-policy";

    /// <summary>Gives one response a stricter policy of its own (profile photos are sandboxed, for example).</summary>
    public static void UseContentSecurityPolicy(this HttpContext context, string policy) => context.Items[PolicyOverride] = policy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items.TryGetValue(PolicyOverride, out var own) && own is string policy ? policy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                // Asks the browser for its light or dark setting, so static pages render in it before any script runs.
                headers["Accept-CH"] = Components.Theme.ThemePreference.SystemHint;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
