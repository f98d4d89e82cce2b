using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// A person whose account an administrator created becomes an active member when they choose their password from the
/// emailed link; that link also proves their address, so it is confirmed too.
/// </summary>
internal sealed class MemberActivation(IServiceScopeFactory scopeFactory, AuditLog audit)
{
    public async Task ActivateAsync(string userId)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return;
        }

        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(organisationId);
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
