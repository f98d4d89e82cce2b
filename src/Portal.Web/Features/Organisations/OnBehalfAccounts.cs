using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// What the administrator is told. <see cref="Sent"/> is the same whether an account was made or the address already had
/// one (then it got an invitation instead), so the answer never tells who has a Portal account.
/// </summary>
public enum OnBehalfOutcome
{
    Sent,
    Invalid,
    AlreadyMember,
    AlreadyInvited,
    Forbidden,
    SendingLimit,
}

/// <summary>An administrator's details of the person they create an account for, and their statement of authority.</summary>
public sealed class OnBehalfForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_FirstName), ResourceType = typeof(Strings))]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_LastName), ResourceType = typeof(Strings))]
    public string LastName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [EmailAddress(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Email))]
    [StringLength(256, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_Email), ResourceType = typeof(Strings))]
    public string Email { get; set; } = "";

    public OrganisationRole Role { get; set; } = OrganisationRole.Member;

    /// <summary>"You confirm that you have the authority to act for them" — recorded in the audit event.</summary>
    [MustBeTrue(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.OnBehalf_AttestRequired))]
    public bool AttestsAuthority { get; set; }
}

/// <summary>
/// Creates an account on a person's behalf in the administrator's organisation. The administrator never sets or sees
/// a password: the account has none, cannot sign in and stays "invited" until the person accepts it from the welcome
/// email (<see cref="Account.OnBehalfWelcome"/>). The account, the membership, the welcome email and the audit event
/// recording the attestation commit together. An address that already has an account, or that is on a domain another
/// organisation has verified, is never given an account the person did not choose: it gets an invitation instead.
/// </summary>
internal sealed class OnBehalfAccounts(
    WorkScopes workScopes,
    CurrentUser currentUser,
    AccessChangeGuard accessChanges,
    Invitations invitations,
    AuditLog audit,
    TimeProvider time,
    OrganisationSendingLimit sending)
{
    public async Task<OnBehalfOutcome> CreateAsync(OnBehalfForm form)
    {
        form.FirstName = form.FirstName.Trim();
        form.LastName = form.LastName.Trim();
        form.Email = form.Email.Trim();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true) || !Enum.IsDefined(form.Role))
        {
            return OnBehalfOutcome.Invalid;
        }

        await using var work = workScopes.Begin();
        var organisationId = work.OrganisationId;
        if (!await accessChanges.AllowsAsync(new InvitationTarget(organisationId, form.Role), InvitationOperations.CreateOnBehalf))
        {
            return OnBehalfOutcome.Forbidden;
        }

        var users = work.Users;
        var db = work.Db;
        var domainOwner = OrganisationDomains.OfAddress(form.Email) is { } domain ? await TenantClaims.FindVerifiedDomainOwnerAsync(db, domain) : null;
        if (await users.FindByEmailAsync(form.Email) is not null || (domainOwner is { } owner && owner != organisationId))
        {
            return await InviteInsteadAsync(form);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new PortalUser { UserName = form.Email, Email = form.Email, FirstName = form.FirstName, LastName = form.LastName, CreatedAt = now };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return OnBehalfOutcome.Invalid;
        }

        db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = form.Role, Status = MemberStatus.Invited, JoinedAt = now });
        var organisation = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync();
        var actor = await db.Users.Where(u => u.Id == currentUser.UserId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleAsync();
        await work.Emails.AddCreatedOnBehalfAsync(db, user, actor, organisation);
        if (!await sending.AllowsAsync(db, organisationId))
        {
            return OnBehalfOutcome.SendingLimit; // The transaction rolls back: no account is left behind.
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.MemberCreatedOnBehalf, SubjectId: user.Id, OrganisationId: organisationId,
            Target: $"as {form.Role}; the administrator attested their authority to act for this person",
            ChangedFields: ["FirstName", "LastName", "Email", "Role"]));
        await transaction.CommitAsync();
        return OnBehalfOutcome.Sent;
    }

    private async Task<OnBehalfOutcome> InviteInsteadAsync(OnBehalfForm form) =>
        await invitations.InviteAsync(new InvitationForm { Email = form.Email, Role = form.Role }) switch
        {
            InvitationOutcome.Sent => OnBehalfOutcome.Sent,
            InvitationOutcome.AlreadyMember => OnBehalfOutcome.AlreadyMember,
            InvitationOutcome.AlreadyInvited => OnBehalfOutcome.AlreadyInvited,
            InvitationOutcome.Forbidden => OnBehalfOutcome.Forbidden,
            _ => OnBehalfOutcome.Invalid,
        };
}
