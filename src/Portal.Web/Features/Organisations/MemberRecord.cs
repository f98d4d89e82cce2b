using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public sealed record ConsentView(LegalDocumentKind Kind, int Version, DateTime AcceptedAt);

/// <summary>Everything in and about a member's account that their administrators may see, and what this administrator may do.</summary>
public sealed record MemberDetails(
    MemberTarget Target,
    string Email,
    bool EmailConfirmed,
    MemberStatus Status,
    DateTime JoinedAt,
    ProfileForm Profile,
    bool TwoFactorEnabled,
    int Passkeys,
    bool PromotionalEmailOptIn,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<SignInAttemptView> SignIns,
    IReadOnlySet<MemberAction> Allowed,
    IReadOnlyList<OrganisationRole> AssignableRoles,
    bool CanTransferOwnership)
{
    public string Name => $"{Profile.FirstName} {Profile.LastName}".Trim();

    public bool May(MemberAction action) => Allowed.Contains(action);
}

/// <summary>
/// Reads a member's account for their organisation's administrators: the member is found through the tenant filter
/// first (another organisation's member is simply not there), then the actor is authorized to view them.
/// </summary>
public sealed class MemberRecord(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    UserSessions sessions,
    SignInHistory signIns)
{
    public const int RecentSignIns = 10;

    public async Task<MemberDetails?> GetAsync(string userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await GetAsync(db, userId);
    }

    /// <summary>The record read with a unit of work's context, for staff who entered the member's organisation.</summary>
    internal async Task<MemberDetails?> GetAsync(PortalDbContext db, string userId)
    {
        var member = await db.OrganisationMembers.AsNoTracking().Include(m => m.User).FirstOrDefaultAsync(m => m.UserId == userId);
        if (member?.User is not { } user)
        {
            return null;
        }

        var target = new MemberTarget(member.TenantId, member.UserId, member.Role);
        var allowed = new HashSet<MemberAction>();
        foreach (var action in Enum.GetValues<MemberAction>())
        {
            if ((await authorization.AuthorizeAsync(currentUser.Principal, target, MemberOperations.For(action))).Succeeded)
            {
                allowed.Add(action);
            }
        }

        if (!allowed.Contains(MemberAction.View))
        {
            return null;
        }

        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId);
        var consents = await db.PolicyAcceptances.AsNoTracking().Where(a => a.UserId == userId)
            .OrderByDescending(a => a.AcceptedAt).Select(a => new ConsentView(a.Kind, a.Version, a.AcceptedAt)).ToListAsync();
        return new MemberDetails(
            target, user.Email ?? "", user.EmailConfirmed, member.Status, member.JoinedAt, ProfileForm.From(user, profile),
            user.TwoFactorEnabled, await db.UserPasskeys.CountAsync(p => p.UserId == userId), user.PromotionalEmailOptIn, consents,
            await sessions.ListAsync(userId, currentSessionId: null), await signIns.PageAsync(userId, size: RecentSignIns),
            allowed, await AssignableRolesAsync(target), await CanTransferOwnershipAsync(target));
    }

    private async Task<IReadOnlyList<OrganisationRole>> AssignableRolesAsync(MemberTarget target)
    {
        var roles = new List<OrganisationRole>();
        foreach (var role in Enum.GetValues<OrganisationRole>().Reverse())
        {
            if ((await authorization.AuthorizeAsync(currentUser.Principal, new RoleChange(target, role), MemberOperations.ChangeRole)).Succeeded)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private async Task<bool> CanTransferOwnershipAsync(MemberTarget target) =>
        (await authorization.AuthorizeAsync(currentUser.Principal, target, OrganisationOperations.TransferOwnership)).Succeeded;
}
