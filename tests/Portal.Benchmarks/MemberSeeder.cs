using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portal.Web.Features.Organisations;

namespace Portal.Benchmarks;

/// <summary>
/// Organisations with confirmed members, as registration would leave them (user, membership, accepted Terms and
/// Privacy Policy), sharing one precomputed password hash so that seeding does not spend minutes in PBKDF2.
/// </summary>
internal sealed class MemberSeeder(SqliteConnection connection, string passwordHash, TextWriter output)
{
    private const int RowsPerTransaction = 10_000;

    // 64 x 96 names drawn per member by a fixed hash: about sixteen people share each full name in 100,000, as in life.
    private static readonly string[] FirstNames =
    [
        "Ada", "Adam", "Aisha", "Alan", "Amélie", "Ana", "Ben", "Björn", "Carlos", "Chloé", "Chen", "Dev", "Diego", "Elif", "Emma", "Eva",
        "Farah", "Finn", "Grace", "Hana", "Hiro", "Ibrahim", "Inès", "Isla", "Jon", "José", "Julia", "Kara", "Kwame", "Lars", "Leila", "Liam",
        "Lucía", "Maya", "Mei", "Mia", "Nadia", "Nils", "Noah", "Olu", "Omar", "Oscar", "Priya", "Quentin", "Rafael", "Rosa", "Ruth", "Sami",
        "Sofia", "Søren", "Tariq", "Tess", "Uma", "Victor", "Wei", "Xavier", "Yara", "Yusuf", "Zoë", "Zofia", "Marta", "Leon", "Ivan", "Ella",
    ];

    private static readonly string[] LastNames =
    [
        "Adams", "Ahmed", "Alvarez", "Andersen", "Baker", "Bauer", "Bernard", "Brown", "Castro", "Chen", "Clarke", "Costa", "Dubois", "Duarte", "Dupont", "Evans",
        "Fernández", "Fischer", "Fontaine", "García", "Garnier", "Gómez", "Green", "Hansen", "Hoffmann", "Hughes", "Ivanova", "Jansen", "Jones", "Kaur", "Khan", "Kim",
        "Kowalski", "Lambert", "Larsen", "Lee", "Lefèvre", "López", "Martin", "Martínez", "Mensah", "Meyer", "Moreau", "Morris", "Müller", "Nakamura", "Nguyen", "Nielsen",
        "Novak", "Nowak", "O'Brien", "Okafor", "Olsen", "Owusu", "Patel", "Perez", "Petit", "Popescu", "Quinn", "Ramos", "Reyes", "Richter", "Roberts", "Rossi",
        "Roux", "Sánchez", "Santos", "Sato", "Schmidt", "Schneider", "Silva", "Singh", "Smith", "Sousa", "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Tran",
        "Walker", "Wang", "Weber", "White", "Williams", "Wilson", "Wójcik", "Wright", "Yamamoto", "Yilmaz", "Young", "Zhang", "Ziegler", "Zimmermann", "Blanc", "Vogel",
    ];

    /// <summary>The name of member <paramref name="member"/> of any bench organisation.</summary>
    public static (string First, string Last) Name(int member) =>
        (FirstNames[Mix(member) % FirstNames.Length], LastNames[Mix(member + 0x3C6EF372) % LastNames.Length]);

    /// <summary>The address of member <paramref name="member"/> of bench organisation <paramref name="organisation"/>: their name, made unique by their number.</summary>
    public static string Email(int organisation, int member)
    {
        var (first, last) = Name(member);
        var local = $"{MemberDirectoryKeys.Fold(first)}.{MemberDirectoryKeys.Fold(last)}".Replace("'", "", StringComparison.Ordinal).ToLowerInvariant();
        return $"{local}.{member:D6}@org{organisation:D5}.bench.test";
    }

    /// <summary>Five in a hundred members cannot sign in: three invited who have not joined yet, one restricted, one closed.</summary>
    public static MemberStatus StatusOf(int member) => (member % 100) switch
    {
        < 95 => MemberStatus.Active,
        < 98 => MemberStatus.Invited,
        < 99 => MemberStatus.Restricted,
        _ => MemberStatus.Closed,
    };

    /// <summary>Adds the organisations after any bench organisations already in the file; returns the index of the first.</summary>
    public int Seed(int organisations, int membersPerOrganisation, DateTime now)
    {
        var first = (int)Scalar("SELECT COUNT(*) FROM \"Organisations\" WHERE \"Slug\" LIKE 'bench-%'");
        var legal = CurrentLegalVersions();
        var total = (long)organisations * membersPerOrganisation;

        using var organisationRows = new BulkInsert(connection, "Organisations", "Id", "Name", "Slug", "IsOperator", "CreatedAt",
            "RequireTwoFactor", "MembersMayCloseAccount", "MembersMayChangeEmail", "MembersMayLinkAccounts", "SupportMayAccess",
            "TellAdminsOfSupportAccess", "LockedProfileFields");
        using var userRows = new BulkInsert(connection, "AspNetUsers",
            "Id", "FirstName", "LastName", "CreatedAt", "PromotionalEmailOptIn", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
            "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled",
            "LockoutEnd", "LockoutEnabled", "AccessFailedCount");
        using var memberRows = new BulkInsert(connection, "OrganisationMembers",
            "Id", "TenantId", "UserId", "Role", "Status", "JoinedAt", "SortName", "SearchName", "NormalizedEmail");
        using var acceptanceRows = new BulkInsert(connection, "PolicyAcceptances", "Id", "UserId", "Kind", "Version", "AcceptedAt");
        BulkInsert[] all = [organisationRows, userRows, memberRows, acceptanceRows];

        using var batches = new SeedBatches(connection, output, "members", total, RowsPerTransaction, all);
        for (var o = first; o < first + organisations; o++)
        {
            var organisationId = Guid.CreateVersion7();
            organisationRows.Row(organisationId, $"Bench Organisation {o:D5}", $"bench-{o:D5}", false, now, false, true, true, true, true, false, "");
            for (var m = 0; m < membersPerOrganisation; m++)
            {
                var userId = Guid.NewGuid().ToString();
                var (firstName, lastName) = Name(m);
                var email = Email(o, m);
                var upper = email.ToUpperInvariant();
                userRows.Row(userId, firstName, lastName, now, m % 3 == 0,
                    email, upper, email, upper, true, passwordHash, Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(),
                    null, false, false, null, true, 0L);
                // The directory keys exactly as PortalDbContext would compute them on a save.
                memberRows.Row(Guid.CreateVersion7(), organisationId, userId, RoleOf(m).ToString(), StatusOf(m).ToString(), now,
                    MemberDirectoryKeys.SortName(firstName, lastName), MemberDirectoryKeys.SearchName(firstName, lastName), MemberDirectoryKeys.NormalizedEmail(upper, email));
                foreach (var (kind, version) in legal)
                {
                    acceptanceRows.Row(Guid.CreateVersion7(), userId, kind, version, now);
                }

                batches.RowDone();
            }
        }

        return first;
    }

    /// <summary>The first member owns the organisation, about one in fifty administers it, the rest are members.</summary>
    private static OrganisationRole RoleOf(int member) =>
        member == 0 ? OrganisationRole.Owner : member % 50 == 1 ? OrganisationRole.Admin : OrganisationRole.Member;

    /// <summary>A fixed integer hash (Murmur3's finalizer), so a member's name depends only on their number.</summary>
    private static int Mix(int value)
    {
        var x = (uint)value;
        x ^= x >> 16;
        x *= 0x85EBCA6B;
        x ^= x >> 13;
        x *= 0xC2B2AE35;
        x ^= x >> 16;
        return (int)(x & int.MaxValue);
    }

    private List<(string Kind, long Version)> CurrentLegalVersions()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Kind\", MAX(\"Version\") FROM \"LegalDocuments\" GROUP BY \"Kind\"";
        using var reader = command.ExecuteReader();
        var versions = new List<(string, long)>();
        while (reader.Read())
        {
            versions.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return versions;
    }

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
