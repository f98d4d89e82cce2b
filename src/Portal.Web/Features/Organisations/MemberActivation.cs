using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// A person whose account an administrator created becomes an active member when they choose their password from the
/// emailed link; that link also proves their address, so it is confirmed too.
/// </summary>
internal sealed class MemberActivation(WorkScopes workScopes, AuditLog audit)
{
    public async Task ActivateAsync(string userId)
    {
        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return;
        }

        using var entered = work.Enter(organisationId);
        var member = await db.OrganisationMembers.Include(m => m.User).SingleAsync(m => m.UserId == userId);
        if (member.Status != MemberStatus.Invited)
        {
            return;
        }

        member.Status = MemberStatus.Active;
        member.User!.EmailConfirmed = true;
        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberActivated, SubjectId: userId, ActorId: userId, ChangedFields: ["Status", "EmailConfirmed"]));
    }
}
