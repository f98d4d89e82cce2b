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
}

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
    AuditLog audit,
    EmailRenderer renderer,
    Outbox outbox,
    PortalLinks links,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    public const int ListLimit = 50;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

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
        var normalized = form.Email.ToUpperInvariant();
        if (await db.OrganisationMembers.AnyAsync(m => m.NormalizedEmail == normalized))
        {
            return InvitationOutcome.AlreadyMember;
        }

        var now = Now;
        if (await db.Invitations.AnyAsync(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now))
        {
            return InvitationOutcome.AlreadyInvited;
        }

        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            TenantId = organisationId,
            Email = form.Email,
            NormalizedEmail = normalized,
            Role = form.Role,
            InvitedById = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."),
            CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        await SendAsync(db, invitation);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberInvited, OrganisationId: organisationId,
            Target: $"{invitation.Email} as {invitation.Role}"));
        return InvitationOutcome.Sent;
    }

    /// <summary>Sends the invitation again with a new link; the old link no longer works.</summary>
    public Task<InvitationOutcome> ResendAsync(Guid id) => ChangeAsync(id, AuditActions.InvitationResent, SendAsync);

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
        await audit.AppendAsync(db, new AuditRecord(action, OrganisationId: invitation.TenantId, Target: $"{invitation.Email} as {invitation.Role}"));
        return InvitationOutcome.Sent;
    }

    private async Task SendAsync(PortalDbContext db, Invitation invitation)
    {
        var token = InvitationTokens.New();
        var now = Now;
        invitation.TokenHash = InvitationTokens.Hash(token);
        invitation.SentAt = now;
        invitation.ExpiresAt = now + Invitation.Lifetime;
        var organisation = await db.Organisations.Where(o => o.Id == invitation.TenantId).Select(o => o.Name).SingleAsync();
        var inviter = await db.Users.Where(u => u.Id == currentUser.UserId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync();
        var email = await renderer.RenderAsync<InvitationMessage>(localizer["Email_InvitationSubject", organisation], new Dictionary<string, object?>
        {
            [nameof(InvitationMessage.InvitedBy)] = inviter,
            [nameof(InvitationMessage.Organisation)] = organisation,
            [nameof(InvitationMessage.Role)] = localizer[$"Role_{invitation.Role}"].Value,
            [nameof(InvitationMessage.Expires)] = invitation.ExpiresAt.ToString("D", CultureInfo.CurrentCulture),
            [nameof(InvitationMessage.Link)] = links.To("invitations/accept", new Dictionary<string, string?> { ["token"] = token }),
        });
        outbox.Add(db, invitation.Email, email, EmailCategory.AccountSecurity);
    }

    private async Task<bool> MayInviteAsync(Guid organisationId, OrganisationRole role) =>
        (await authorization.AuthorizeAsync(currentUser.Principal, new InvitationTarget(organisationId, role), InvitationOperations.Invite)).Succeeded;
}
