using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Form posts to sign-in (both steps), registration and password reset allowed per client address per minute.</summary>
    public int AccountPostsPerMinute { get; set; } = 10;
}

/// <summary>Slows down password guessing and sign-up abuse: limits form posts to the account pages per client address.</summary>
internal static class RateLimiting
{
    public const string AccountPolicy = "account-forms";

    private static readonly string[] LimitedPaths = ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/ResendEmailConfirmation", "/invitations/accept"];

    public static IServiceCollection AddPortalRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || !LimitedPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{context.Request.Path.Value!.ToUpperInvariant()}|{client}", _ => new FixedWindowRateLimiterOptions
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
