using Microsoft.EntityFrameworkCore;
using Portal.Web.Features.Profiles;

namespace Portal.Web.Features.Privacy;

internal sealed record ArchiveClaim(string? Type, string? Value);

internal sealed record ArchiveAccount(string Id, string? UserName, string? Email, bool EmailConfirmed, string FirstName, string LastName,
    string? PhoneNumber, bool PhoneNumberConfirmed, DateTime CreatedAt, bool TwoFactorEnabled, bool PromotionalEmailOptIn, string? Partner,
    IReadOnlyList<string> Roles, IReadOnlyList<ArchiveClaim> Claims);

internal sealed record ArchiveProfile(string? Username, string? DisplayName, string? Phone, string? AddressLine1, string? AddressLine2,
    string? PostalCode, string? City, string? Country, string? JobTitle, string? Company, string? Bio, string? Language, string? TimeZone,
    ContactChannel PreferredContact, ProfileVisibility Visibility, bool AllowSearchIndexing, bool ShowJobTitle, bool ShowCompany, bool ShowBio,
    DateTime UpdatedAt);

internal sealed record ArchivePhoto(string File, string ContentType, int Width, int Height, DateTime UpdatedAt);

internal sealed record ArchiveMembership(string Organisation, string Role, string Status, DateTime JoinedAt);

internal sealed record ArchiveConsent(string Document, int Version, string? Title, DateTime AcceptedAt);

internal sealed record ArchiveLinkedAccount(string Provider, string? DisplayName);

/// <summary>The account itself and what hangs off it: profile, photo, membership, consents and linked sign-in accounts.</summary>
internal static class AccountAreas
{
    /// <summary>The account's own columns, never its password hash, security stamp or lockout counters.</summary>
    public static async Task AccountAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        var ct = writer.CancellationToken;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == person.UserId)
            .Select(u => new
            {
                u.Id, u.UserName, u.Email, u.EmailConfirmed, u.FirstName, u.LastName, u.PhoneNumber, u.PhoneNumberConfirmed, u.CreatedAt,
                u.TwoFactorEnabled, u.PromotionalEmailOptIn,
                Partner = db.Partners.Where(p => p.Id == u.PartnerId).Select(p => p.Name).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var roles = await db.UserRoles.Where(r => r.UserId == person.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name ?? "")
            .OrderBy(n => n).ToListAsync(ct);
        var claims = await db.UserClaims.AsNoTracking().Where(c => c.UserId == person.UserId).OrderBy(c => c.Id)
            .Select(c => new ArchiveClaim(c.ClaimType, c.ClaimValue)).ToListAsync(ct);
        var entry = await writer.BeginAsync("account.json");
        await using (entry)
        {
            await entry.AddAsync(new ArchiveAccount(account.Id, account.UserName, account.Email, account.EmailConfirmed, account.FirstName,
                account.LastName, account.PhoneNumber, account.PhoneNumberConfirmed, account.CreatedAt, account.TwoFactorEnabled,
                account.PromotionalEmailOptIn, account.Partner, roles, claims));
            await writer.EndAsync(entry);
        }
    }

    public static Task ProfileAsync(ArchiveWriter writer, ArchivePerson person) =>
        writer.WriteAsync("profile.json", person.Db.Profiles.AsNoTracking().Where(p => p.UserId == person.UserId)
            .Select(p => new ArchiveProfile(p.Username, p.DisplayName, p.Phone, p.AddressLine1, p.AddressLine2, p.PostalCode, p.City, p.Country,
                p.JobTitle, p.Company, p.Bio, p.Language, p.TimeZone, p.PreferredContact, p.Visibility, p.AllowSearchIndexing, p.ShowJobTitle,
                p.ShowCompany, p.ShowBio, p.UpdatedAt))
            .AsAsyncEnumerable());

    /// <summary>The photo's details in <c>photo.json</c>, and the stored image itself beside it.</summary>
    public static async Task PhotoAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var photo = await person.Db.ProfilePhotos.AsNoTracking().Where(p => p.UserId == person.UserId)
            .Select(p => new { p.ContentType, p.Width, p.Height, p.UpdatedAt, p.Content })
            .SingleOrDefaultAsync(writer.CancellationToken);
        var entry = await writer.BeginAsync("photo.json");
        string? file = null;
        await using (entry)
        {
            if (photo is not null)
            {
                file = "photo" + Extension(photo.ContentType);
                await entry.AddAsync(new ArchivePhoto(file, photo.ContentType, photo.Width, photo.Height, photo.UpdatedAt));
            }

            await writer.EndAsync(entry);
        }

        if (photo is not null)
        {
            await writer.WriteBytesAsync(file!, photo.Content);
        }
    }

    public static Task OrganisationAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        var memberships = person.OrganisationId is null
            ? AsyncEnumerable.Empty<ArchiveMembership>()
            : db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == person.UserId)
                .Join(db.Organisations, m => m.TenantId, o => o.Id, (m, o) => new { o.Name, m.Role, m.Status, m.JoinedAt })
                .AsAsyncEnumerable()
                .Select(m => new ArchiveMembership(m.Name, m.Role.ToString(), m.Status.ToString(), m.JoinedAt));
        return writer.WriteAsync("organisation.json", memberships);
    }

    public static Task ConsentsAsync(ArchiveWriter writer, ArchivePerson person)
    {
        var db = person.Db;
        return writer.WriteAsync("consents.json", db.PolicyAcceptances.AsNoTracking().Where(a => a.UserId == person.UserId)
            .OrderBy(a => a.AcceptedAt).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Kind, a.Version, a.AcceptedAt,
                Title = db.LegalDocuments.Where(d => d.Kind == a.Kind && d.Version == a.Version).Select(d => d.Title).FirstOrDefault(),
            })
            .AsAsyncEnumerable()
            .Select(a => new ArchiveConsent(a.Kind.ToString(), a.Version, a.Title, a.AcceptedAt)));
    }

    /// <summary>Which providers the person signs in with and the name shown for each; never the provider's key or tokens.</summary>
    public static Task LinkedAccountsAsync(ArchiveWriter writer, ArchivePerson person) =>
        writer.WriteAsync("linked-accounts.json", person.Db.UserLogins.AsNoTracking().Where(l => l.UserId == person.UserId)
            .OrderBy(l => l.LoginProvider)
            .Select(l => new ArchiveLinkedAccount(l.LoginProvider, l.ProviderDisplayName))
            .AsAsyncEnumerable());

    private static string Extension(string contentType) => contentType switch
    {
        "image/webp" => ".webp",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        _ => ".bin",
    };
}
