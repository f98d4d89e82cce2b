using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Data;

/// <summary>
/// The demo organisations and people for development (never in Production). Idempotent: an existing address is left alone.
/// </summary>
internal sealed class DemoSeeder(
    PortalDbContext db,
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    TenantContext tenant,
    TimeProvider time)
{
    public const string Password = "Demo-Passw0rd!";

    private sealed record DemoPerson(string Email, string FirstName, string LastName, OrganisationRole Role, string? PlatformRole = null);

    private sealed record DemoOrganisation(string Name, string Slug, bool IsOperator, DemoPerson[] People);

    private static readonly DemoOrganisation[] Organisations =
    [
        new("Acme", "acme", false,
        [
            new("owner@acme.test", "Olivia", "Owner", OrganisationRole.Owner),
            new("admin@acme.test", "Adam", "Admin", OrganisationRole.Admin),
            new("member@acme.test", "Mia", "Member", OrganisationRole.Member),
        ]),
        new("Globex", "globex", false, [new("owner@globex.test", "Gina", "Globex", OrganisationRole.Owner)]),
        new("Portal", "portal", true,
        [
            new("support@portal.test", "Sam", "Support", OrganisationRole.Member, PlatformRoles.Support),
            new("admin@portal.test", "Pat", "Platform", OrganisationRole.Admin, PlatformRoles.PlatformAdmin),
        ]),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in PlatformRoles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var demo in Organisations)
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Slug == demo.Slug);
            if (organisation is null)
            {
                organisation = new Organisation { Id = Guid.CreateVersion7(), Name = demo.Name, Slug = demo.Slug, IsOperator = demo.IsOperator, CreatedAt = now };
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync();
            }

            using var entered = tenant.Enter(organisation.Id);
            foreach (var person in demo.People)
            {
                await SeedPersonAsync(person, now);
            }
        }
    }

    private async Task SeedPersonAsync(DemoPerson person, DateTime now)
    {
        if (await userManager.FindByEmailAsync(person.Email) is not null)
        {
            return;
        }

        var user = new PortalUser
        {
            UserName = person.Email,
            Email = person.Email,
            EmailConfirmed = true,
            FirstName = person.FirstName,
            LastName = person.LastName,
            CreatedAt = now,
        };
        var result = await userManager.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {person.Email} failed: {string.Join(", ", result.Errors.Select(e => e.Description))}");
        }

        if (person.PlatformRole is not null)
        {
            await userManager.AddToRoleAsync(user, person.PlatformRole);
        }

        db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = person.Role, JoinedAt = now });
        foreach (var kind in Enum.GetValues<LegalDocumentKind>())
        {
            db.PolicyAcceptances.Add(new PolicyAcceptance { Id = Guid.CreateVersion7(), UserId = user.Id, Kind = kind, Version = 1, AcceptedAt = now });
        }

        await db.SaveChangesAsync();
    }
}
