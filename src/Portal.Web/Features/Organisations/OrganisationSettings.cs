using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public enum SettingsOutcome
{
    Saved,
    Invalid,
    SlugTaken,
    Forbidden,
}

public sealed record OrganisationSettingsView(string Slug, OrganisationSettingsForm Form, bool CanEdit);

/// <summary>
/// The signed-in person's organisation's name and member policies: Owners change them, Admins see them, and every
/// change is one audit event naming the fields that changed. Withdrawing support access ends, in the same save, every
/// impersonation of a member that is still running.
/// </summary>
public sealed class OrganisationSettings(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccessChangeGuard accessChanges,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<OrganisationSettingsView> GetAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == tenant.TenantId);
        return new OrganisationSettingsView(organisation.Slug, OrganisationSettingsForm.From(organisation), await CanEditAsync(organisation.Id));
    }

    public async Task<SettingsOutcome> UpdateAsync(OrganisationSettingsForm form)
    {
        var organisationId = tenant.TenantId;
        if (!await accessChanges.AllowsAsync(new OrganisationTarget(organisationId), OrganisationOperations.Manage))
        {
            return SettingsOutcome.Forbidden;
        }

        form.Name = form.Name.Trim();
        form.Slug = form.Slug.Trim().ToLowerInvariant();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true))
        {
            return SettingsOutcome.Invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Organisations.AnyAsync(o => o.Slug == form.Slug && o.Id != organisationId))
        {
            return SettingsOutcome.SlugTaken;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        organisation.Name = form.Name;
        organisation.Slug = form.Slug;
        organisation.MembersMayCloseAccount = form.MembersMayCloseAccount;
        organisation.MembersMayChangeEmail = form.MembersMayChangeEmail;
        organisation.MembersMayLinkAccounts = form.MembersMayLinkAccounts;
        organisation.RequireTwoFactor = form.RequireTwoFactor;
        organisation.SupportMayAccess = form.SupportMayAccess;
        organisation.TellAdminsOfSupportAccess = form.TellAdminsOfSupportAccess;
        organisation.LockedProfileFields = string.Join(',', OrganisationPolicies.LockableFields.Where(form.LockedProfileFields.Contains));
        var changed = db.Entry(organisation).Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToList();
        if (changed.Count == 0)
        {
            return SettingsOutcome.Saved;
        }

        try
        {
            List<AuditRecord> events = [new(AuditActions.OrganisationSettingsChanged, OrganisationId: organisationId, Target: organisation.Name, ChangedFields: changed)];
            if (changed.Contains(nameof(Organisation.SupportMayAccess)) && !organisation.SupportMayAccess)
            {
                events.AddRange(await SupportAccessWithdrawal.EndRunningAsync(db, organisationId, time.GetUtcNow().UtcDateTime));
            }

            await audit.AppendManyAsync(db, events);
        }
        catch (DbUpdateException)
        {
            // Another organisation took the slug between the check and the save; nothing was written.
            return SettingsOutcome.SlugTaken;
        }

        return SettingsOutcome.Saved;
    }

    /// <summary>The rules of a person's organisation, for the services that enforce them.</summary>
    public static async Task<OrganisationPolicies?> ForMemberAsync(PortalDbContext db, string userId) =>
        await db.OrganisationMembers.Where(m => m.UserId == userId)
            .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => o)
            .Select(o => OrganisationPolicies.Of(o))
            .FirstOrDefaultAsync();

    private async Task<bool> CanEditAsync(Guid organisationId) =>
        (await authorization.AuthorizeAsync(currentUser.Principal, new OrganisationTarget(organisationId), OrganisationOperations.Manage)).Succeeded;
}
