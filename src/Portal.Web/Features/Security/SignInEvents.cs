using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;

namespace Portal.Web.Features.Security;

/// <summary>
/// What happens around every sign-in attempt, whichever way it is made: a successful one opens a session and is
/// remembered with its device (a new device is announced by email); every attempt on a known account joins the
/// person's sign-in history; all of them are audited. Called only by the sign-in manager, inside a request.
/// </summary>
public sealed class SignInEvents(
    PortalDbContext db,
    AuditLog audit,
    TimeProvider time,
    AccountNotices notices,
    PortalLinks links,
    IStringLocalizer<Strings> localizer)
{
    public async Task<Guid> SucceededAsync(PortalUser user, bool persistent, string method, HttpContext http)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (device, ip) = Describe(http);
        var (isNew, hadDevices) = await KnownDevices.RememberAsync(db, user.Id, device, now, http);
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Device = device,
            IpAddress = ip,
            CreatedAt = now,
            LastSeenAt = now,
            AuthenticatedAt = now,
            Persistent = persistent,
        };
        db.UserSessions.Add(session);
        db.SignInAttempts.Add(Attempt(user.Id, SignInOutcome.Succeeded, method, device, ip, now, isNew));
        if (isNew && hadDevices)
        {
            await notices.AddAsync(db, user.Email!, user.FirstName, localizer["Security_NewDeviceSubject"],
                [localizer["Security_NewDeviceBody", device, ip ?? "?", now.ToString("u", System.Globalization.CultureInfo.InvariantCulture)], localizer["Security_NewDeviceAdvice"]],
                localizer["Security_NewDeviceButton"], links.To("account/security/secure", new Dictionary<string, string?>()));
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.SignedIn, SubjectId: user.Id, ActorId: user.Id, Target: method));
        return session.Id;
    }

    public async Task FailedAsync(PortalUser user, SignInOutcome outcome, string method, HttpContext http)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (device, ip) = Describe(http);
        var isNew = !await KnownDevices.IsKnownAsync(db, user.Id, http);
        db.SignInAttempts.Add(Attempt(user.Id, outcome, method, device, ip, now, isNew));
        var action = outcome == SignInOutcome.LockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed;
        await audit.AppendAsync(db, new AuditRecord(action, SubjectId: user.Id, ActorId: user.Id, Target: $"{method}: {outcome}"));
    }

    /// <summary>A recovery code let someone past the second factor: the owner hears of it at once, with how many are left.</summary>
    public async Task RecoveryCodeUsedAsync(PortalUser user, int left)
    {
        await notices.AddAsync(db, user.Email!, user.FirstName, localizer["TwoFactor_RecoveryUsedSubject"],
            [localizer["TwoFactor_RecoveryUsedBody", left], localizer["TwoFactor_RecoveryUsedAdvice"]]);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.RecoveryCodeUsed, SubjectId: user.Id, ActorId: user.Id, Target: $"{left} left"));
    }

    /// <summary>An attempt on an address nobody registered, or with a passkey that did not verify: audited, but there is no one to show it to.</summary>
    public async Task UnknownAccountAsync(string reason = "unknown account") =>
        await audit.AppendAsync(db, new AuditRecord(AuditActions.SignInFailed, Target: reason));

    private static (string Device, string? Ip) Describe(HttpContext http) =>
        (UserAgents.Describe(http.Request.Headers.UserAgent.ToString()).ToString(), http.Connection.RemoteIpAddress?.ToString());

    private static SignInAttempt Attempt(string userId, SignInOutcome outcome, string method, string device, string? ip, DateTime now, bool isNew) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        OccurredAt = now,
        Outcome = outcome,
        Method = method,
        Device = device,
        IpAddress = ip,
        NewDevice = isNew,
    };
}
