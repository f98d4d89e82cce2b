using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;
using Microsoft.Extensions.Options;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

/// <summary>
/// The authentication state of an open circuit. Every minute by default (on the injected clock) it re-checks the circuit's
/// session, recording the person's latest interaction as use; when the session has been revoked, has expired or sat
/// idle too long, the circuit becomes signed out and its pages send the person to sign in. Each check also rebuilds the
/// person's claims, so a new role, ownership, organisation or a removed staff role reaches every open page (and
/// <see cref="Tenancy.CurrentUser"/>, which every server-side check reads) within the same interval.
/// </summary>
internal sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory scopeFactory;
    private readonly TimeProvider time;
    private readonly ILogger<SessionAuthenticationStateProvider> logger;
    private readonly TimeSpan interval;
    private CancellationTokenSource? loop;

    public SessionAuthenticationStateProvider(
        IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<SecurityOptions> options, ILogger<SessionAuthenticationStateProvider> logger)
    {
        this.scopeFactory = scopeFactory;
        this.time = time;
        this.logger = logger;
        interval = options.Value.CircuitCheckInterval;
        AuthenticationStateChanged += OnChanged;
    }

    /// <summary>
    /// Set when this circuit was support acting for someone and that ended: the page then goes back to that person's
    /// record in the console (<see cref="Components.Shared.RedirectToLogin"/>), where the agent's own sign-in is waiting.
    /// </summary>
    public string? EndedImpersonationOf { get; private set; }

    /// <summary>The last time the person interacted with the circuit; set by <see cref="SessionActivityCircuitHandler"/>.</summary>
    public DateTime? LastActivityAt { get; set; }

    /// <summary>Runs one check now, as the minute timer does. True while the session is still usable.</summary>
    public async Task<bool> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.Identity?.IsAuthenticated != true || await RefreshAsync(user, cancellationToken) is not null;

    /// <summary>The principal as the account stands now when the session is still usable; null when it is not.</summary>
    private async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || user.Session() is not { } sessionId)
        {
            return null;
        }

        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var usable = await work.Sessions.CheckAsync(sessionId, userId, LastActivityAt, cancellationToken)
            && (!user.IsImpersonated() || await work.Impersonations.IsLiveAsync(user, cancellationToken));
        return usable ? await SessionCookieValidator.RebuildAsync(work.SignIn, userId, user) : null;
    }

    private static bool SameClaims(ClaimsPrincipal before, ClaimsPrincipal after) =>
        before.Claims.Select(c => (c.Type, c.Value)).ToHashSet().SetEquals(after.Claims.Select(c => (c.Type, c.Value)));

    public void Dispose()
    {
        AuthenticationStateChanged -= OnChanged;
        Stop();
    }

    private void OnChanged(Task<AuthenticationState> task)
    {
        Stop();
        var source = loop = new CancellationTokenSource();
        _ = WatchAsync(task, source.Token);
    }

    private void Stop()
    {
        loop?.Cancel();
        loop?.Dispose();
        loop = null;
    }

    private async Task WatchAsync(Task<AuthenticationState> pending, CancellationToken cancellationToken)
    {
        try
        {
            var user = (await pending).User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return;
            }

            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (await RefreshAsync(user, cancellationToken) is not { } fresh)
                {
                    EndedImpersonationOf = user.IsImpersonated() ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
                    SetAuthenticationState(Task.FromResult(SignedOut));
                    return;
                }

                if (!SameClaims(user, fresh))
                {
                    // The new state starts a new watch over the fresh principal.
                    SetAuthenticationState(Task.FromResult(new AuthenticationState(fresh)));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit closed or a new state replaced this one.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed check (database unavailable) signs out rather than leaving a possibly revoked session open.
            logger.LogWarning(ex, "Session check failed; the circuit is signed out.");
            SetAuthenticationState(Task.FromResult(SignedOut));
        }
    }
}
