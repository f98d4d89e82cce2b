using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

/// <summary>Thrown when an agent acting for a person asks for a change only the person may make; the attempt is audited first.</summary>
public sealed class AccountHolderOnlyException(string action)
    : InvalidOperationException($"Only the account holder may do this ({action}); Portal support acting for them may not.")
{
    public string Action { get; } = action;
}

/// <summary>
/// The server-side stop on what support may not do while acting for a person — change the password, email address,
/// two-factor sign-in, passkeys or linked accounts, see recovery codes, export data or close the account — whatever
/// the page shows. Services call it before such a change; the pages also declare <see cref="Policies.AccountHolder"/>.
/// </summary>
public sealed class AccountHolderGuard(IAuthorizationService authorization, CurrentUser currentUser, IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit)
{
    private static readonly AccountHolderRequirement[] Requirement = [new()];

    public async Task EnsureAsync(string action)
    {
        if ((await authorization.AuthorizeAsync(currentUser.Principal, resource: null, Requirement)).Succeeded)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await audit.AppendAsync(db, new AuditRecord(AuditActions.ImpersonationActionRefused, SubjectId: currentUser.UserId, Target: action));
        throw new AccountHolderOnlyException(action);
    }
}

/// <summary>The sensitive actions <see cref="AccountHolderGuard"/> names in its audit events. Stable strings.</summary>
public static class AccountHolderActions
{
    public const string ChangePassword = "change_password";
    public const string ChangeEmail = "change_email";
    public const string TwoFactor = "two_factor";
    public const string RecoveryCodes = "recovery_codes";
    public const string Passkeys = "passkeys";
    public const string ConfirmIdentity = "confirm_identity";
    public const string ExportData = "export_data";
    public const string CloseAccount = "close_account";
    public const string SecureAccount = "secure_account";
}
