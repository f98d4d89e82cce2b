using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>A person's present organisation, and whether leaving it would leave its other members without an Owner.</summary>
internal sealed record CurrentMembership(Guid OrganisationId, string Organisation, bool OnlyOwner);

internal enum TransferResult
{
    Moved,
    AlreadyThere,
    OnlyOwner,

    /// <summary>Operator staff stay in the operator's organisation: their staff roles must never meet a customer's role.</summary>
    StaffAccount,
}

/// <summary>
/// Moves a person, with their consent, from their organisation into another. The tenant filter forbids moving a row,
/// so the old membership is deleted and a new one added, each organisation getting its own audit event; the caller
/// owns the unit of work and its transaction and ends the person's sessions after it commits. Staff accounts are never moved.
/// </summary>
internal static class MembershipTransfer
{
    public static async Task<CurrentMembership?> FindAsync(WorkScope work, string userId)
    {
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return null;
        }

        using (work.Enter(organisationId))
        {
            var role = await db.OrganisationMembers.Where(m => m.UserId == userId).Select(m => m.Role).SingleAsync();
            var onlyOwner = role == OrganisationRole.Owner
                && !await db.OrganisationMembers.AnyAsync(m => m.UserId != userId && m.Role == OrganisationRole.Owner)
                && await db.OrganisationMembers.AnyAsync(m => m.UserId != userId);
            var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync();
            return new CurrentMembership(organisationId, name, onlyOwner);
        }
    }

    public static async Task<TransferResult> MoveAsync(
        WorkScope work, AuditLog audit, string userId, Guid to, OrganisationRole role, string how, DateTime now)
    {
        var db = work.Db;
        if (await db.IsStaffAsync(userId))
        {
            return TransferResult.StaffAccount;
        }

        var current = await FindAsync(work, userId);
        if (current?.OrganisationId == to)
        {
            return TransferResult.AlreadyThere;
        }

        if (current is { OnlyOwner: true })
        {
            return TransferResult.OnlyOwner;
        }

        var records = new List<AuditRecord>();
        if (current is not null)
        {
            using (work.Enter(current.OrganisationId))
            {
                db.OrganisationMembers.Remove(await db.OrganisationMembers.SingleAsync(m => m.UserId == userId));
                await db.SaveChangesAsync();
            }

            records.Add(new AuditRecord(AuditActions.MemberLeft, SubjectId: userId, ActorId: userId, OrganisationId: current.OrganisationId, Target: how));
        }

        using (work.Enter(to))
        {
            db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = userId, Role = role, JoinedAt = now });
            await audit.AppendManyAsync(db, records);
        }

        return TransferResult.Moved;
    }
}
