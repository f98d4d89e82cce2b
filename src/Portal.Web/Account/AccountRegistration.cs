using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

/// <param name="PartnerId">The partner whose co-branded page the person registered on, if any.</param>
public sealed record Registration(string FirstName, string LastName, string Email, string Password, bool PromotionalEmailOptIn, Guid? PartnerId = null);

/// <summary>
/// Creates a person, their organisation (with them as Owner), their acceptance of the current Terms and Privacy
/// Policy, the audit event and the confirmation email, all in one transaction. When the address is already
/// registered nothing is created and the owner of the address is told instead, so the page never reveals it.
/// </summary>
internal sealed class AccountRegistration(
    PortalDbContext db,
    UserManager<PortalUser> userManager,
    UnknownAccountTiming timing,
    TenantContext tenant,
    AccountEmails emails,
    Features.Privacy.AccountClosures closures,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<IdentityResult> RegisterAsync(Registration input)
    {
        var existing = await userManager.FindByEmailAsync(input.Email);
        if (existing is not null)
        {
            timing.HashAsIfRegistering(input.Password);
            await emails.AddAlreadyRegisteredAsync(db, existing, await closures.ReopenableAsync(existing.Id));
            await db.SaveChangesAsync();
            return IdentityResult.Success;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var organisation = new Organisation
        {
            Id = Guid.CreateVersion7(),
            Name = $"{input.FirstName} {input.LastName}".Trim(),
            Slug = $"org-{Guid.NewGuid():N}"[..20],
            CreatedAt = now,
        };
        db.Organisations.Add(organisation);
        using var entered = tenant.Enter(organisation.Id);

        var (result, user) = await CreateMemberAsync(input, OrganisationRole.Owner, now, emailConfirmed: false);
        if (!result.Succeeded)
        {
            return result;
        }

        await emails.AddConfirmationAsync(db, user!);
        var changed = new List<string> { "FirstName", "LastName", "Email", "Terms", "Privacy" };
        if (input.PromotionalEmailOptIn)
        {
            changed.Add("PromotionalEmailOptIn");
        }

        if (input.PartnerId is not null)
        {
            changed.Add("PartnerId");
        }

        await audit.AppendAsync(db, new AuditRecord(AuditActions.Registered, SubjectId: user!.Id, OrganisationId: organisation.Id, ActorId: user.Id, ChangedFields: changed));
        await transaction.CommitAsync();
        return IdentityResult.Success;
    }

    /// <summary>
    /// Creates the person as a member of the scope's organisation with their acceptance of the current Terms and Privacy
    /// Policy, inside the caller's transaction; nothing is saved for good until the caller commits.
    /// </summary>
    public async Task<(IdentityResult Result, PortalUser? User)> CreateMemberAsync(Registration input, OrganisationRole role, DateTime now, bool emailConfirmed)
    {
        var user = new PortalUser
        {
            UserName = input.Email,
            Email = input.Email,
            EmailConfirmed = emailConfirmed,
            FirstName = input.FirstName,
            LastName = input.LastName,
            PromotionalEmailOptIn = input.PromotionalEmailOptIn,
            PartnerId = input.PartnerId,
            CreatedAt = now,
        };
        var result = await userManager.CreateAsync(user, input.Password);
        if (!result.Succeeded)
        {
            return (result, null);
        }

        db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = role, JoinedAt = now });
        if (input.PromotionalEmailOptIn)
        {
            // "Send me news and offers": the newsletter and promotions, the two things the box names; the rest keeps its defaults.
            db.NotificationPreferences.Add(new Features.Notifications.NotificationPreferences { UserId = user.Id, Newsletter = true, UpdatedAt = now });
        }

        var current = await db.LegalDocuments
            .GroupBy(d => d.Kind)
            .Select(g => new { Kind = g.Key, Version = g.Max(d => d.Version) })
            .ToListAsync();
        foreach (var document in current)
        {
            db.PolicyAcceptances.Add(new PolicyAcceptance { Id = Guid.CreateVersion7(), UserId = user.Id, Kind = document.Kind, Version = document.Version, AcceptedAt = now });
        }

        return (IdentityResult.Success, user);
    }
}
