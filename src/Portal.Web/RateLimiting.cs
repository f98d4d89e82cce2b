using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Form posts to each account page (sign-in steps, registration, reset, invitations) allowed per client address per minute.</summary>
    public int AccountPostsPerMinute { get; set; } = 10;

    /// <summary>Invitations, accounts made on someone's behalf and announcements one organisation may send per hour.</summary>
    public int OrganisationMailsPerHour { get; set; } = 200;
}

/// <summary>
/// Slows down password guessing and sign-up abuse: limits form posts to the account pages per client address. Pages opt
/// in with <c>[EnableRateLimiting(RateLimiting.AccountPolicy)]</c>, and the bucket is the endpoint routing matched, not
/// the path as typed, so <c>/account/login/</c> and <c>/Account/Login</c> spend the same allowance.
/// </summary>
internal static class RateLimiting
{
    public const string AccountPolicy = "account-forms";

    public static IServiceCollection AddPortalRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AccountPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }

                var endpoint = context.GetEndpoint();
                var page = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName ?? "";
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{page}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AccountPostsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(TooManyRequestsPage, cancellationToken);
            };
        });
        return services;
    }

    private const string TooManyRequestsPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts - Portal</title>
        <link rel="stylesheet" href="/shared/portal.css"></head>
        <body><main class="error-page" id="main"><h1>Too many attempts</h1>
        <p>For your security we paused this form after several attempts from your network. Please wait a minute and try again.</p>
        <p><a href="/Account/Login">Back to sign in</a></p></main></body></html>
        """;
}
