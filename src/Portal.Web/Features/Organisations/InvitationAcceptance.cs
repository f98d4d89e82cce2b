using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>Who opened the invitation link, as far as accepting it is concerned.</summary>
public enum Invitee
{
    /// <summary>No account has the invited address: accepting creates one.</summary>
    NewAccount,

    /// <summary>An account has the address, and nobody (or someone else) is signed in: they must sign in as it first.</summary>
    MustSignIn,

    /// <summary>Signed in as the invited address: accepting moves their account, with their consent.</summary>
    SignedIn,
}

public enum AcceptanceOutcome
{
    Joined,
    Invalid,
    NotFound,
    MustSignIn,
    OnlyOwner,

    /// <summary>This account may not join another organisation (a staff account).</summary>
    Refused,
}

public sealed record InvitationView(string Email, string Organisation, OrganisationRole Role, string InvitedBy, Invitee Invitee, string? CurrentOrganisation, bool OnlyOwner);

public sealed record AcceptanceResult(AcceptanceOutcome Outcome, IReadOnlyList<string>? Errors = null);

/// <summary>
/// The invitee's side of an invitation: the link's token finds it (unknown, used, revoked and expired links are all
/// simply not found). A new person gets a confirmed account in the organisation; a person with an account moves
/// into it only when signed in as the invited address and consenting, and never leaves an organisation without an
/// Owner. Either way the change, the invitation's use and the audit events commit together.
/// </summary>
internal sealed class InvitationAcceptance(
    WorkScopes workScopes, CurrentUser currentUser, AccessChangeGuard accessChanges, AuditLog audit, UserSessions sessions, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<InvitationView?> FindAsync(string? token)
    {
        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await OrganisationOfAsync(db, token) is not { } organisationId)
        {
            return null;
        }

        using var entered = work.Enter(organisationId);
        if (await LoadAsync(db, token!) is not { } invitation)
        {
            return null;
        }

        var organisation = await db.Organisations.Where(o => o.Id == invitation.TenantId).Select(o => o.Name).SingleAsync();
        var inviter = await db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstOrDefaultAsync();
        var existing = await db.Users.Where(u => u.NormalizedEmail == invitation.NormalizedEmail).Select(u => u.Id).FirstOrDefaultAsync();
        if (existing is null)
        {
            return new InvitationView(invitation.Email, organisation, invitation.Role, inviter ?? "", Invitee.NewAccount, null, OnlyOwner: false);
        }

        if (existing != currentUser.UserId)
        {
            return new InvitationView(invitation.Email, organisation, invitation.Role, inviter ?? "", Invitee.MustSignIn, null, OnlyOwner: false);
        }

        var current = await MembershipTransfer.FindAsync(work, existing);
        return new InvitationView(invitation.Email, organisation, invitation.Role, inviter ?? "", Invitee.SignedIn,
            current?.Organisation, current?.OnlyOwner ?? false);
    }

    /// <summary>Creates the invited person's account; the invitation's link has proven the address, so it is confirmed.</summary>
    public async Task<AcceptanceResult> CreateAccountAsync(string? token, Registration input)
    {
        await using var work = workScopes.Begin();
        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await OrganisationOfAsync(db, token) is not { } organisationId)
        {
            return new AcceptanceResult(AcceptanceOutcome.NotFound);
        }

        using var entered = work.Enter(organisationId);
        if (await LoadAsync(db, token!) is not { } invitation
            || await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.NormalizedEmail))
        {
            return new AcceptanceResult(AcceptanceOutcome.NotFound);
        }

        var now = Now;
        var (result, user) = await work.Registration.CreateMemberAsync(input with { Email = invitation.Email }, invitation.Role, now, emailConfirmed: true);
        if (!result.Succeeded)
        {
            return new AcceptanceResult(AcceptanceOutcome.Invalid, [.. result.Errors.Select(e => e.Description)]);
        }

        invitation.AcceptedAt = now;
        await audit.AppendAsync(db, new AuditRecord(AuditActions.InvitationAccepted, SubjectId: user!.Id, ActorId: user.Id, OrganisationId: invitation.TenantId,
            Target: $"{invitation.Email} as {invitation.Role}", ChangedFields: ["FirstName", "LastName", "Email", "Terms", "Privacy"]));
        await transaction.CommitAsync();
        return new AcceptanceResult(AcceptanceOutcome.Joined);
    }

    /// <summary>
    /// Moves the signed-in person into the inviting organisation. Their sessions end, so no page keeps the old
    /// organisation's claims; they sign in again as a member of the new one.
    /// </summary>
    public async Task<AcceptanceResult> MoveAccountAsync(string? token)
    {
        var userId = currentUser.UserId;
        if (userId is null)
        {
            return new AcceptanceResult(AcceptanceOutcome.MustSignIn);
        }

        if (!await accessChanges.AllowsAsync(null, MembershipOperations.Join))
        {
            return new AcceptanceResult(AcceptanceOutcome.Refused);
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await OrganisationOfAsync(db, token) is not { } organisationId)
        {
            return new AcceptanceResult(AcceptanceOutcome.NotFound);
        }

        using var entered = work.Enter(organisationId);
        if (await LoadAsync(db, token!) is not { } invitation)
        {
            return new AcceptanceResult(AcceptanceOutcome.NotFound);
        }

        var user = await db.Users.SingleAsync(u => u.Id == userId);
        if (user.NormalizedEmail != invitation.NormalizedEmail)
        {
            return new AcceptanceResult(AcceptanceOutcome.MustSignIn);
        }

        var now = Now;
        var moved = await MembershipTransfer.MoveAsync(work, audit, userId, invitation.TenantId, invitation.Role, "joined another organisation by invitation", now);
        if (moved is TransferResult.OnlyOwner or TransferResult.StaffAccount)
        {
            return new AcceptanceResult(moved == TransferResult.OnlyOwner ? AcceptanceOutcome.OnlyOwner : AcceptanceOutcome.Refused);
        }

        invitation.AcceptedAt = now;
        await audit.AppendAsync(db, new AuditRecord(AuditActions.InvitationAccepted, SubjectId: userId, ActorId: userId, OrganisationId: invitation.TenantId,
            Target: $"{invitation.Email} as {invitation.Role}", ChangedFields: moved == TransferResult.Moved ? ["Organisation", "Role"] : null));
        await transaction.CommitAsync();
        await sessions.EndAllAsync(userId, SessionEndReasons.ChangedOrganisation);
        return new AcceptanceResult(AcceptanceOutcome.Joined);
    }

    /// <summary>The organisation of the invitation with this link's token, read before anyone who could say is known.</summary>
    private static async Task<Guid?> OrganisationOfAsync(PortalDbContext db, string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 100
            ? null
            : await TenantClaims.FindInvitationOrganisationAsync(db, InvitationTokens.Hash(token));

    /// <summary>The pending invitation with this link's token; the unit of work has entered its organisation.</summary>
    private async Task<Invitation?> LoadAsync(PortalDbContext db, string token)
    {
        var hash = InvitationTokens.Hash(token);
        var invitation = await db.Invitations.SingleAsync(i => i.TokenHash == hash);
        return invitation.IsPending(Now) ? invitation : null;
    }
}
