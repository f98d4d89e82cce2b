using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

public enum DomainOutcome
{
    Done,
    Invalid,
    AlreadyAdded,
    TooMany,
    ClaimedElsewhere,
    RecordMissing,
    LookupFailed,
    NotFound,
    Forbidden,
}

public sealed record DomainView(Guid Id, string Domain, string RecordName, string RecordValue, DateTime AddedAt, DateTime? VerifiedAt);

/// <summary>
/// An organisation's email domains: Owners add one, publish its TXT record and verify it; Admins see them. A domain
/// verified by one organisation cannot be verified by another. Each change is audited for the organisation.
/// </summary>
public sealed partial class OrganisationDomains(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    CurrentUser currentUser,
    AccessChangeGuard accessChanges,
    DomainOwnership ownership,
    AuditLog audit,
    TimeProvider time)
{
    public const int Limit = 20;

    public async Task<IReadOnlyList<DomainView>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var domains = await db.OrganisationDomains.AsNoTracking().OrderBy(d => d.Domain).ToListAsync();
        return [.. domains.Select(d => new DomainView(d.Id, d.Domain, d.RecordName, d.RecordValue, d.AddedAt, d.VerifiedAt))];
    }

    public async Task<DomainOutcome> AddAsync(string input)
    {
        if (!await MayManageAsync())
        {
            return DomainOutcome.Forbidden;
        }

        if (Normalize(input) is not { } domain)
        {
            return DomainOutcome.Invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.OrganisationDomains.AnyAsync(d => d.Domain == domain))
        {
            return DomainOutcome.AlreadyAdded;
        }

        if (await db.OrganisationDomains.CountAsync() >= Limit)
        {
            return DomainOutcome.TooMany;
        }

        db.OrganisationDomains.Add(new OrganisationDomain
        {
            Id = Guid.CreateVersion7(),
            Domain = domain,
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            AddedById = currentUser.UserId!,
            AddedAt = time.GetUtcNow().UtcDateTime,
        });
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DomainAdded, OrganisationId: tenant.TenantId, Target: domain));
        return DomainOutcome.Done;
    }

    /// <summary>Looks for the domain's TXT record now; found, the domain is verified for this organisation.</summary>
    public async Task<DomainOutcome> VerifyAsync(Guid id)
    {
        if (!await MayManageAsync())
        {
            return DomainOutcome.Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var domain = await db.OrganisationDomains.FirstOrDefaultAsync(d => d.Id == id);
        if (domain is null)
        {
            return DomainOutcome.NotFound;
        }

        if (domain.VerifiedAt is not null)
        {
            return DomainOutcome.Done;
        }

        if (await TenantClaims.FindVerifiedDomainOwnerAsync(db, domain.Domain) is { } owner && owner != domain.TenantId)
        {
            return DomainOutcome.ClaimedElsewhere;
        }

        switch (await ownership.CheckAsync(domain.RecordName, domain.RecordValue))
        {
            case DomainCheck.Missing:
                return DomainOutcome.RecordMissing;
            case DomainCheck.LookupFailed:
                return DomainOutcome.LookupFailed;
        }

        domain.VerifiedAt = time.GetUtcNow().UtcDateTime;
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DomainVerified, OrganisationId: domain.TenantId, Target: domain.Domain));
        return DomainOutcome.Done;
    }

    public async Task<DomainOutcome> RemoveAsync(Guid id)
    {
        if (!await MayManageAsync())
        {
            return DomainOutcome.Forbidden;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var domain = await db.OrganisationDomains.FirstOrDefaultAsync(d => d.Id == id);
        if (domain is null)
        {
            return DomainOutcome.NotFound;
        }

        db.OrganisationDomains.Remove(domain);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DomainRemoved, OrganisationId: domain.TenantId, Target: domain.Domain));
        return DomainOutcome.Done;
    }

    /// <summary>"@Example.COM " → "example.com"; international names in punycode; null when it is not a domain name.</summary>
    public static string? Normalize(string? input)
    {
        var text = (input ?? "").Trim().TrimStart('@').TrimEnd('.');
        if (text.Length is 0 or > OrganisationDomain.MaxLength)
        {
            return null;
        }

        try
        {
            var ascii = new IdnMapping().GetAscii(text).ToLowerInvariant();
            return DomainName().IsMatch(ascii) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The domain part of an email address, normalized like a claimed domain.</summary>
    public static string? OfAddress(string? email) =>
        email is not null && email.LastIndexOf('@') is var at and > 0 ? Normalize(email[(at + 1)..]) : null;

    private async Task<bool> MayManageAsync() =>
        await accessChanges.AllowsAsync(new OrganisationTarget(tenant.TenantId), OrganisationOperations.Domains);

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex DomainName();
}
