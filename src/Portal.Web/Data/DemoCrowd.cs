using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Account;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Data;

/// <summary>
/// Enough of Acme to see paging and charts in development: about sixty more members across roles and statuses, a few
/// pending invitations and a month of sign-ins. The same every time (a fixed random seed), and seeded once: when the
/// first of its people exists, it does nothing.
/// </summary>
internal sealed class DemoCrowd(PortalDbContext db, UserManager<PortalUser> userManager, TenantContext tenant, TimeProvider time)
{
    public const int Members = 60;

    public const int Invitations = 4;

    public const int Days = 30;

    private static readonly string[] FirstNames =
        ["Ada", "Ben", "Chloé", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi", "Léa", "Mateo", "Nadia", "Oscar",
         "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoé"];

    private static readonly string[] LastNames =
        ["Abara", "Bernard", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ito", "Jensen", "Kowalski", "Lefèvre", "Müller",
         "Nakamura", "O’Brien", "Petit", "Quinn", "Rossi", "Schmidt", "Tanaka", "Urquhart", "Vega", "Wójcik", "Yilmaz", "Zhang"];

    private static readonly string[] Devices = ["Chrome on Windows", "Safari on macOS", "Firefox on Linux", "Safari on iPhone", "Chrome on Android"];

    public async Task SeedAsync()
    {
        var acme = await db.Organisations.FirstOrDefaultAsync(o => o.Slug == "acme");
        if (acme is null || await userManager.FindByEmailAsync(Email(0)) is not null)
        {
            return;
        }

        using var entered = tenant.Enter(acme.Id);
        var random = new Random(20261204);
        var now = time.GetUtcNow().UtcDateTime;
        var owner = await db.OrganisationMembers.Where(m => m.Role == OrganisationRole.Owner).Select(m => m.UserId).FirstAsync();
        var passwordHash = userManager.PasswordHasher.HashPassword(new PortalUser(), DemoSeeder.Password);
        var active = new List<string>();
        for (var i = 0; i < Members; i++)
        {
            var user = await CreateAsync(i, passwordHash, now.AddDays(-random.Next(40, 400)));
            var status = StatusOf(i);
            db.OrganisationMembers.Add(new OrganisationMember
            {
                Id = Guid.CreateVersion7(),
                UserId = user.Id,
                Role = i == 0 ? OrganisationRole.Owner : i % 9 == 1 ? OrganisationRole.Admin : OrganisationRole.Member,
                Status = status,
                JoinedAt = user.CreatedAt,
            });
            if (status == MemberStatus.Active)
            {
                active.Add(user.Id);
            }
        }

        AddSignIns(active, random, now);
        AddInvitations(owner, now);
        await db.SaveChangesAsync();
    }

    private static string Email(int i) => $"{Slug(FirstNames[i % FirstNames.Length])}.{Slug(LastNames[i % LastNames.Length])}{i:D2}@acme.test";

    private static string Slug(string name) => new([.. name.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);

    /// <summary>Most members are active; a few are invited, restricted or closed, so every status shows up.</summary>
    private static MemberStatus StatusOf(int i) => (i % 12) switch
    {
        5 => MemberStatus.Invited,
        8 => MemberStatus.Restricted,
        11 when i > 30 => MemberStatus.Closed,
        _ => MemberStatus.Active,
    };

    private async Task<PortalUser> CreateAsync(int i, string passwordHash, DateTime createdAt)
    {
        var email = Email(i);
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FirstName = FirstNames[i % FirstNames.Length],
            LastName = LastNames[i % LastNames.Length],
            CreatedAt = createdAt,
            PasswordHash = passwordHash,
        };
        var result = await userManager.CreateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join(", ", result.Errors.Select(e => e.Description))}");
        }

        foreach (var kind in Enum.GetValues<LegalDocumentKind>())
        {
            db.PolicyAcceptances.Add(new PolicyAcceptance { Id = Guid.CreateVersion7(), UserId = user.Id, Kind = kind, Version = 1, AcceptedAt = createdAt });
        }

        return user;
    }

    /// <summary>A month of successful sign-ins, busier on weekdays, into each member's own sign-in history.</summary>
    private void AddSignIns(List<string> active, Random random, DateTime now)
    {
        for (var day = Days - 1; day >= 0; day--)
        {
            var date = now.Date.AddDays(-day);
            var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            foreach (var userId in active)
            {
                if (random.NextDouble() < (weekday ? 0.45 : 0.08))
                {
                    var at = date.AddHours(7 + random.Next(0, 11)).AddMinutes(random.Next(0, 60));
                    db.SignInAttempts.Add(new SignInAttempt
                    {
                        Id = Guid.CreateVersion7(),
                        UserId = userId,
                        OccurredAt = at < now ? at : now.AddMinutes(-random.Next(1, 60)),
                        Outcome = SignInOutcome.Succeeded,
                        Method = SignInMethods.Password,
                        Device = Devices[random.Next(Devices.Length)],
                        IpAddress = $"198.51.100.{random.Next(1, 255)}",
                    });
                }
            }
        }
    }

    private void AddInvitations(string ownerId, DateTime now)
    {
        for (var i = 0; i < Invitations; i++)
        {
            var email = $"new.colleague{i + 1}@example.com";
            db.Invitations.Add(new Invitation
            {
                Id = Guid.CreateVersion7(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                Role = OrganisationRole.Member,
                // Never sent: the hash matches no token anyone holds.
                TokenHash = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                InvitedById = ownerId,
                CreatedAt = now.AddDays(-i),
                SentAt = now.AddDays(-i),
                ExpiresAt = now.AddDays(-i) + Invitation.Lifetime,
            });
        }
    }
}
