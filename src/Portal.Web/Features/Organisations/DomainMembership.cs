using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public sealed record DomainOffer(string Organisation, string Domain, string CurrentOrganisation);

/// <summary>
/// Someone who signed up on their own with a confirmed address on a domain an organisation has verified is offered to
/// join it as a member. Joining needs their click, moves their account (their own, empty organisation is left behind)
/// and ends their sessions so they sign in again as a member of the new organisation.
/// </summary>
internal sealed class DomainMembership(
    WorkScopes workScopes, CurrentUser currentUser, AccessChangeGuard accessChanges, AuditLog audit, UserSessions sessions, TimeProvider time)
{
    public async Task<DomainOffer?> FindAsync()
    {
        await using var work = workScopes.Begin();
        return (await FindAsync(work))?.Offer;
    }

    public async Task<bool> JoinAsync()
    {
        var userId = currentUser.UserId;
        if (!await accessChanges.AllowsAsync(null, MembershipOperations.Join))
        {
            return false;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (userId is null || await FindAsync(work) is not { } found)
        {
            return false;
        }

        var moved = await MembershipTransfer.MoveAsync(work, audit, userId, found.OrganisationId, OrganisationRole.Member,
            $"joined {found.Offer.Organisation} through its verified domain", time.GetUtcNow().UtcDateTime);
        if (moved != TransferResult.Moved)
        {
            return false;
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberJoinedByDomain, SubjectId: userId, ActorId: userId,
            OrganisationId: found.OrganisationId, Target: found.Offer.Domain, ChangedFields: ["Organisation", "Role"]));
        await transaction.CommitAsync();
        await sessions.EndAllAsync(userId, SessionEndReasons.ChangedOrganisation);
        return true;
    }

    private async Task<(DomainOffer Offer, Guid OrganisationId)?> FindAsync(WorkScope work)
    {
        var db = work.Db;
        var userId = currentUser.UserId;
        var user = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed }).FirstOrDefaultAsync();
        if (user is not { EmailConfirmed: true } || OrganisationDomains.OfAddress(user.Email) is not { } domain
            || await TenantClaims.FindVerifiedDomainOwnerAsync(db, domain) is not { } organisationId
            || await MembershipTransfer.FindAsync(work, userId!) is not { } current || current.OrganisationId == organisationId)
        {
            return null;
        }

        // Only people on their own: a sign-up's organisation of one, never the operator's staff.
        using (work.Enter(current.OrganisationId))
        {
            if (await db.OrganisationMembers.CountAsync() != 1 || await db.Organisations.AnyAsync(o => o.Id == current.OrganisationId && o.IsOperator))
            {
                return null;
            }
        }

        var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync();
        return (new DomainOffer(name, domain, current.Organisation), organisationId);
    }
}
