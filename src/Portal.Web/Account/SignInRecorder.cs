using Microsoft.AspNetCore.Identity;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

/// <summary>Audits each sign-in outcome against the account it concerns (when there is one).</summary>
internal sealed class SignInRecorder(PortalDbContext db, UserManager<PortalUser> userManager, AuditLog audit)
{
    public async Task RecordAsync(string email, SignInResult result)
    {
        var user = await userManager.FindByEmailAsync(email);
        var action = result.Succeeded ? AuditActions.SignedIn
            : result.IsLockedOut ? AuditActions.LockedOut
            : AuditActions.SignInFailed;
        var organisation = user is null ? null : await TenantClaims.FindOrganisationAsync(db, user.Id);
        await audit.AppendAsync(db, new AuditRecord(action, SubjectId: user?.Id, OrganisationId: organisation, ActorId: user?.Id,
            Target: user is null ? "unknown account" : null));
    }

    public async Task RecordSignOutAsync(string userId, Guid? organisationId) =>
        await audit.AppendAsync(db, new AuditRecord(AuditActions.SignedOut, SubjectId: userId, OrganisationId: organisationId, ActorId: userId));
}
