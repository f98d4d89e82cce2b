using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Partners;

public enum PartnerOutcome
{
    Saved,
    Invalid,
    SlugTaken,
    NotFound,

    /// <summary>The webhook address is, or resolves to, a loopback, private, link-local or metadata address.</summary>
    AddressNotAllowed,
}

public sealed record PartnerSummary(Guid Id, string Slug, string Name, string PrivacyPolicyUrl, string WebhookUrl, bool Active, int Registered);

/// <summary>What the co-branded join page shows: who collects the information with Portal, and whose statement governs it.</summary>
public sealed record PartnerBrand(Guid Id, string Slug, string Name, string PrivacyPolicyUrl);

/// <summary>
/// The partners PlatformAdmins configure for co-branded registration. Every change re-checks the PlatformAdmin policy
/// and is audited; the webhook secret is shown once, when it is made.
/// </summary>
public sealed class PartnerDirectory(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    CurrentUser currentUser,
    AuditLog audit,
    WebhookAddresses addresses,
    TimeProvider time)
{
    public async Task<IReadOnlyList<PartnerSummary>> ListAsync()
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.PlatformAdmin);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Partners.AsNoTracking()
            .OrderBy(p => p.Name)
            .Select(p => new PartnerSummary(p.Id, p.Slug, p.Name, p.PrivacyPolicyUrl, p.WebhookUrl, p.Active, db.Users.Count(u => u.PartnerId == p.Id)))
            .ToListAsync();
    }

    /// <summary>An active partner by its join address, for anyone (the join page is public); null otherwise.</summary>
    public async Task<PartnerBrand?> FindActiveAsync(string slug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Partners.AsNoTracking()
            .Where(p => p.Slug == slug && p.Active)
            .Select(p => new PartnerBrand(p.Id, p.Slug, p.Name, p.PrivacyPolicyUrl))
            .FirstOrDefaultAsync();
    }

    /// <summary>Adds a partner; the new webhook secret comes back for the admin to hand over (it is not shown again).</summary>
    public async Task<(PartnerOutcome Outcome, string? Secret)> CreateAsync(PartnerForm form)
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.PlatformAdmin);
        if (!IsValid(form))
        {
            return (PartnerOutcome.Invalid, null);
        }

        if (!await addresses.MaySaveAsync(form.WebhookUrl))
        {
            return (PartnerOutcome.AddressNotAllowed, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Partners.AnyAsync(p => p.Slug == form.Slug))
        {
            return (PartnerOutcome.SlugTaken, null);
        }

        var partner = new Partner
        {
            Id = Guid.CreateVersion7(),
            Slug = form.Slug,
            Name = form.Name.Trim(),
            PrivacyPolicyUrl = form.PrivacyPolicyUrl,
            WebhookUrl = form.WebhookUrl,
            WebhookSecret = WebhookSignature.NewSecret(),
            Active = form.Active,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Partners.Add(partner);
        try
        {
            await audit.AppendAsync(db, new AuditRecord(AuditActions.PartnerCreated, Target: partner.Slug));
        }
        catch (DbUpdateException)
        {
            // Another admin took the address in the meantime; the unique index kept it one partner per address.
            return (PartnerOutcome.SlugTaken, null);
        }

        return (PartnerOutcome.Saved, partner.WebhookSecret);
    }

    /// <summary>Changes the name, addresses or whether it is active; the join address stays as it was.</summary>
    public async Task<PartnerOutcome> UpdateAsync(Guid id, PartnerForm form)
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.PlatformAdmin);
        await using var db = await dbFactory.CreateDbContextAsync();
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id);
        if (partner is null)
        {
            return PartnerOutcome.NotFound;
        }

        form.Slug = partner.Slug;
        if (!IsValid(form))
        {
            return PartnerOutcome.Invalid;
        }

        if (!await addresses.MaySaveAsync(form.WebhookUrl))
        {
            return PartnerOutcome.AddressNotAllowed;
        }

        partner.Name = form.Name.Trim();
        partner.PrivacyPolicyUrl = form.PrivacyPolicyUrl;
        partner.WebhookUrl = form.WebhookUrl;
        partner.Active = form.Active;
        var changed = db.Entry(partner).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        await audit.AppendAsync(db, new AuditRecord(AuditActions.PartnerUpdated, Target: partner.Slug, ChangedFields: changed));
        return PartnerOutcome.Saved;
    }

    /// <summary>Makes a new webhook secret and returns it once; the old one stops working at once.</summary>
    public async Task<string?> RotateSecretAsync(Guid id)
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.PlatformAdmin);
        await using var db = await dbFactory.CreateDbContextAsync();
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.Id == id);
        if (partner is null)
        {
            return null;
        }

        partner.WebhookSecret = WebhookSignature.NewSecret();
        await audit.AppendAsync(db, new AuditRecord(AuditActions.PartnerSecretRotated, Target: partner.Slug));
        return partner.WebhookSecret;
    }

    private static bool IsValid(PartnerForm form) =>
        Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true);
}
