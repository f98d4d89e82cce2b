using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

internal enum TwoFactorOutcome
{
    Succeeded,
    NotRecentlyAuthenticated,
    InvalidCode,
    RequiredByOrganisation,
    NotAvailable,
}

internal sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool RequiredByOrganisation, bool RecentlyAuthenticated);

/// <summary>A new key waiting for its first code: <see cref="Key"/> for typing, <see cref="Uri"/> for the QR code.</summary>
internal sealed record AuthenticatorSetup(string Key, string Uri);

internal sealed record TwoFactorResult(TwoFactorOutcome Outcome, IReadOnlyList<string> RecoveryCodes, AuthenticatorSetup? Setup = null)
{
    public bool Succeeded => Outcome == TwoFactorOutcome.Succeeded;

    public static TwoFactorResult Of(TwoFactorOutcome outcome) => new(outcome, []);
}

/// <summary>
/// The signed-in person's authenticator-app sign-in and recovery codes. Every change needs a sign-in or confirmation
/// of identity from the last five minutes in this session, is audited and announced by email in one transaction.
/// Each call is a unit of work of its own, so no database context lives as long as a circuit.
/// </summary>
internal sealed class TwoFactorService(
    WorkScopes workScopes,
    CurrentUser currentUser,
    TenantContext tenant,
    UserSessions sessions,
    AuditLog audit,
    AccountNotices notices,
    AccountHolderGuard guard,
    IStringLocalizer<Strings> localizer)
{
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> GetStatusAsync()
    {
        await using var work = workScopes.Begin();
        var (users, db) = (work.Users, work.Db);
        var user = await FindAsync(users);
        var left = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return new TwoFactorStatus(user.TwoFactorEnabled, left, await IsRequiredAsync(db), await IsRecentAsync());
    }

    /// <summary>Makes a new key for the person's app. Nothing changes for sign-in until <see cref="EnableAsync"/>.</summary>
    public Task<TwoFactorResult> BeginSetupAsync() => ChangeAsync(async (users, _, user) =>
    {
        if (user.TwoFactorEnabled)
        {
            return TwoFactorResult.Of(TwoFactorOutcome.NotAvailable);
        }

        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after a reset.");
        return new TwoFactorResult(TwoFactorOutcome.Succeeded, [], new AuthenticatorSetup(key, AuthenticatorKey.Uri(user.Email!, key)));
    });

    /// <summary>Turns two-factor sign-in on once the app shows a right code; returns recovery codes to show once.</summary>
    public Task<TwoFactorResult> EnableAsync(string code) => ChangeAsync(async (users, db, user) =>
    {
        if (user.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            return TwoFactorResult.Of(TwoFactorOutcome.NotAvailable);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, AuthenticatorCodes.StripSeparators(code)))
        {
            return TwoFactorResult.Of(TwoFactorOutcome.InvalidCode);
        }

        Ensure(await users.SetTwoFactorEnabledAsync(user, enabled: true));
        return await IssueRecoveryCodesAsync(users, db, user, AuditActions.TwoFactorEnabled, "TwoFactor_EnabledSubject", "TwoFactor_EnabledBody");
    });

    /// <summary>Replaces every recovery code; the old ones stop working at once.</summary>
    public Task<TwoFactorResult> RegenerateRecoveryCodesAsync() => ChangeAsync(async (users, db, user) =>
    {
        if (!user.TwoFactorEnabled)
        {
            return TwoFactorResult.Of(TwoFactorOutcome.NotAvailable);
        }

        return await IssueRecoveryCodesAsync(users, db, user, AuditActions.RecoveryCodesGenerated, "TwoFactor_CodesSubject", "TwoFactor_CodesBody");
    });

    /// <summary>Turns two-factor sign-in off and forgets the key and recovery codes, unless the organisation requires it.</summary>
    public Task<TwoFactorResult> DisableAsync() => ChangeAsync(async (users, db, user) =>
    {
        if (!user.TwoFactorEnabled)
        {
            return TwoFactorResult.Of(TwoFactorOutcome.NotAvailable);
        }

        if (await IsRequiredAsync(db))
        {
            return TwoFactorResult.Of(TwoFactorOutcome.RequiredByOrganisation);
        }

        Ensure(await users.SetTwoFactorEnabledAsync(user, enabled: false));
        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        Ensure(await users.RemoveAuthenticationTokenAsync(user, PortalUserStore.InternalLoginProvider, PortalUserStore.RecoveryCodeTokenName));
        await RecordAsync(db, user, AuditActions.TwoFactorDisabled, "TwoFactor_DisabledSubject", "TwoFactor_DisabledBody");
        return TwoFactorResult.Of(TwoFactorOutcome.Succeeded);
    });

    private async Task<TwoFactorResult> ChangeAsync(Func<UserManager<PortalUser>, PortalDbContext, PortalUser, Task<TwoFactorResult>> change)
    {
        await guard.EnsureAsync(AccountHolderActions.TwoFactor);

        // Checked here on every write, not only by the page: a stolen session older than five minutes changes nothing.
        if (!await IsRecentAsync())
        {
            return TwoFactorResult.Of(TwoFactorOutcome.NotRecentlyAuthenticated);
        }

        await using var work = workScopes.Begin();
        var (users, db) = (work.Users, work.Db);
        var user = await FindAsync(users);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await change(users, db, user);
        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }

        return result;
    }

    /// <summary>New recovery codes replace any before them; the person sees them once, in the result.</summary>
    private async Task<TwoFactorResult> IssueRecoveryCodesAsync(UserManager<PortalUser> users, PortalDbContext db, PortalUser user, string action, string subject, string body)
    {
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await RecordAsync(db, user, action, subject, body);
        return new TwoFactorResult(TwoFactorOutcome.Succeeded, [.. codes]);
    }

    private async Task RecordAsync(PortalDbContext db, PortalUser user, string action, string subject, string body)
    {
        await notices.AddAsync(db, user.Email!, user.FirstName, localizer[subject], [localizer[body], localizer["TwoFactor_NoticeAdvice"]]);
        await audit.AppendAsync(db, new AuditRecord(action, SubjectId: user.Id));
    }

    private Task<bool> IsRecentAsync() => sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), currentUser.UserId);

    private async Task<bool> IsRequiredAsync(PortalDbContext db)
    {
        var organisation = tenant.TenantId;
        return await db.Organisations.AnyAsync(o => o.Id == organisation && o.RequireTwoFactor);
    }

    private async Task<PortalUser> FindAsync(UserManager<PortalUser> users) =>
        await users.FindByIdAsync(currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."))
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Two-factor change failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }

}
