using Microsoft.AspNetCore.Identity;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

/// <summary>Audits each sign-in outcome against the account it concerns (when there is one).</summary>
internal sealed class SignInRecorder(PortalDbContext db, ILookupNormalizer normalizer, AuditLog audit)
{
    public async Task RecordAsync(string email, SignInResult result)
    {
        var account = await TenantClaims.FindAccountAsync(db, normalizer.NormalizeEmail(email));
        var action = result.Succeeded ? AuditActions.SignedIn
            : result.IsLockedOut ? AuditActions.LockedOut
            : AuditActions.SignInFailed;
        await audit.AppendAsync(db, new AuditRecord(action, SubjectId: account?.UserId, OrganisationId: account?.OrganisationId, ActorId: account?.UserId,
            Target: account is null ? "unknown account" : null));
    }

    public async Task RecordSignOutAsync(string userId, Guid? organisationId) =>
        await audit.AppendAsync(db, new AuditRecord(AuditActions.SignedOut, SubjectId: userId, OrganisationId: organisationId, ActorId: userId));
}
