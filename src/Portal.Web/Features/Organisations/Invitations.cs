using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public enum InvitationOutcome
{
    Sent,
    Invalid,
    AlreadyMember,
    AlreadyInvited,
    NotFound,
    Forbidden,
    SendingLimit,
}

internal sealed record InvitationSender(string Organisation, string InvitedBy);

internal sealed record PreparedInvitation(Invitation Invitation, RenderedEmail Email);

public sealed record PendingInvitation(Guid Id, string Email, OrganisationRole Role, DateTime SentAt, DateTime ExpiresAt, bool Expired);

/// <summary>The invitation form, validated again by <see cref="Invitations"/>.</summary>
public sealed class InvitationForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [EmailAddress(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Email))]
    [StringLength(256, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_Email), ResourceType = typeof(Strings))]
    public string Email { get; set; } = "";

    public OrganisationRole Role { get; set; } = OrganisationRole.Member;
}

/// <summary>
/// Owners and Admins invite people to their organisation by email, send an invitation again (a new link, valid for
/// another seven days) and revoke it. Each is authorized on the organisation and the role, audited, and the email is
/// written to the outbox in the same transaction.
/// </summary>
public sealed class Invitations(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccessChangeGuard accessChanges,
    AuditLog audit,
    EmailRenderer renderer,
    Outbox outbox,
    PortalLinks links,
    IStringLocalizer<Strings> localizer,
    TimeProvider time,
    OrganisationSendingLimit sending)
{
    public const int ListLimit = 50;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The roles the caller may give a newcomer, as <see cref="InviteHandler"/> decides; for the forms to offer.</summary>
    public async Task<IReadOnlyList<OrganisationRole>> RolesOfferedAsync()
    {
        var roles = new List<OrganisationRole>();
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            if ((await authorization.AuthorizeAsync(currentUser.Principal, new InvitationTarget(tenant.TenantId, role), InvitationOperations.Invite)).Succeeded)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    /// <summary>Open invitations (and expired ones not yet revoked, so they can be sent again), newest first.</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = Now;
        return await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.SentAt).ThenBy(i => i.Id)
            .Take(ListLimit)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.SentAt, i.ExpiresAt, i.ExpiresAt <= now))
            .ToListAsync();
    }

    public async Task<InvitationOutcome> InviteAsync(InvitationForm form)
    {
        form.Email = form.Email.Trim();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true) || !Enum.IsDefined(form.Role))
        {
            return InvitationOutcome.Invalid;
        }

        var organisationId = tenant.TenantId;
        if (!await MayInviteAsync(organisationId, form.Role))
        {
            return InvitationOutcome.Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var (members, invited) = await TakenAsync(db, [Normalize(form.Email)]);
        if (members.Count > 0)
        {
            return InvitationOutcome.AlreadyMember;
        }

        if (invited.Count > 0)
        {
            return InvitationOutcome.AlreadyInvited;
        }

        var written = await WriteAsync(db, [await PrepareAsync(organisationId, form.Email, form.Role, await SenderAsync(db, organisationId))]);
        return written ? InvitationOutcome.Sent : InvitationOutcome.SendingLimit;
    }

    /// <summary>Sends the invitation again with a new link; the old link no longer works.</summary>
    public Task<InvitationOutcome> ResendAsync(Guid id) =>
        ChangeAsync(id, AuditActions.InvitationResent, async (db, invitation) => await SendAsync(db, invitation, await SenderAsync(db, invitation.TenantId)));

    public Task<InvitationOutcome> RevokeAsync(Guid id) => ChangeAsync(id, AuditActions.InvitationRevoked, (_, invitation) =>
    {
        invitation.RevokedAt = Now;
        return Task.CompletedTask;
    });

    private async Task<InvitationOutcome> ChangeAsync(Guid id, string action, Func<PortalDbContext, Invitation, Task> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null);
        if (invitation is null)
        {
            return InvitationOutcome.NotFound;
        }

        if (!await MayInviteAsync(invitation.TenantId, invitation.Role))
        {
            return InvitationOutcome.Forbidden;
        }

        await change(db, invitation);
        if (!await sending.AllowsAsync(db, invitation.TenantId))
        {
            return InvitationOutcome.SendingLimit;
        }

        await audit.AppendAsync(db, new AuditRecord(action, OrganisationId: invitation.TenantId, Target: $"{invitation.Email} as {invitation.Role}"));
        return InvitationOutcome.Sent;
    }

    /// <summary>Who invitations from this organisation come from, read once for however many are sent.</summary>
    internal async Task<InvitationSender> SenderAsync(PortalDbContext db, Guid organisationId) => new(
        await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(),
        await db.Users.Where(u => u.Id == currentUser.UserId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync());

    /// <summary>Makes an invitation and renders its email, touching no database (slow work kept out of transactions).</summary>
    internal async Task<PreparedInvitation> PrepareAsync(Guid organisationId, string email, OrganisationRole role, InvitationSender sender)
    {
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            TenantId = organisationId,
            Email = email,
            NormalizedEmail = Normalize(email),
            Role = role,
            InvitedById = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."),
            CreatedAt = Now,
        };
        return new PreparedInvitation(invitation, await RenderAsync(invitation, sender));
    }

    /// <summary>
    /// Saves prepared invitations with their emails and audit events, all at once in the caller's context; saves none
    /// and answers false when they would pass the organisation's sending limit.
    /// </summary>
    internal async Task<bool> WriteAsync(PortalDbContext db, IReadOnlyList<PreparedInvitation> prepared)
    {
        foreach (var (invitation, email) in prepared)
        {
            db.Invitations.Add(invitation);
            outbox.Add(db, invitation.Email, email, EmailCategory.AccountSecurity);
        }

        if (prepared.Count > 0 && !await sending.AllowsAsync(db, prepared[0].Invitation.TenantId))
        {
            return false;
        }

        await audit.AppendManyAsync(db, [.. prepared.Select(p => new AuditRecord(AuditActions.MemberInvited, OrganisationId: p.Invitation.TenantId,
            Target: $"{p.Invitation.Email} as {p.Invitation.Role}"))]);
        return true;
    }

    /// <summary>Which of these (normalized) addresses are members already, and which have an open invitation.</summary>
    internal async Task<(IReadOnlySet<string> Members, IReadOnlySet<string> Invited)> TakenAsync(PortalDbContext db, IReadOnlyCollection<string> normalized)
    {
        var now = Now;
        var members = await db.OrganisationMembers.Where(m => normalized.Contains(m.NormalizedEmail)).Select(m => m.NormalizedEmail).ToListAsync();
        var invited = await db.Invitations.Where(i => normalized.Contains(i.NormalizedEmail) && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .Select(i => i.NormalizedEmail).ToListAsync();
        return (members.ToHashSet(StringComparer.Ordinal), invited.ToHashSet(StringComparer.Ordinal));
    }

    internal static string Normalize(string email) => email.Trim().ToUpperInvariant();

    private async Task SendAsync(PortalDbContext db, Invitation invitation, InvitationSender sender) =>
        outbox.Add(db, invitation.Email, await RenderAsync(invitation, sender), EmailCategory.AccountSecurity);

    /// <summary>Gives the invitation a new link, valid for seven days from now, and renders the email carrying it.</summary>
    private async Task<RenderedEmail> RenderAsync(Invitation invitation, InvitationSender sender)
    {
        var token = InvitationTokens.New();
        var now = Now;
        invitation.TokenHash = InvitationTokens.Hash(token);
        invitation.SentAt = now;
        invitation.ExpiresAt = now + Invitation.Lifetime;
        return await renderer.RenderAsync<InvitationMessage>(localizer["Email_InvitationSubject", sender.Organisation], new Dictionary<string, object?>
        {
            [nameof(InvitationMessage.InvitedBy)] = sender.InvitedBy,
            [nameof(InvitationMessage.Organisation)] = sender.Organisation,
            [nameof(InvitationMessage.Role)] = localizer[$"Role_{invitation.Role}"].Value,
            [nameof(InvitationMessage.Expires)] = invitation.ExpiresAt.ToString("D", CultureInfo.CurrentCulture),
            [nameof(InvitationMessage.Link)] = links.To("invitations/accept", new Dictionary<string, string?> { ["token"] = token }),
        });
    }

    internal async Task<bool> MayInviteAsync(Guid organisationId, OrganisationRole role) =>
        await accessChanges.AllowsAsync(new InvitationTarget(organisationId, role), InvitationOperations.Invite);
}
