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

    private static readonly string[] FirstNames = ["Ada", "Ben", "Chloé", "Dev", "Elif", "Finn", "Grace", "Hiro", "Inès", "Jon", "Kara", "Liam", "Maya", "Nils", "Olu", "Priya"];
    private static readonly string[] LastNames = ["Adams", "Brown", "Chen", "Dubois", "Evans", "Fischer", "García", "Hughes", "Ivanova", "Jones", "Khan", "Lopez", "Müller", "Novak", "Okafor", "Patel"];

    /// <summary>The address of member <paramref name="member"/> of bench organisation <paramref name="organisation"/>.</summary>
    public static string Email(int organisation, int member) => $"member{member:D6}@org{organisation:D5}.bench.test";

    /// <summary>Adds the organisations after any bench organisations already in the file; returns the index of the first.</summary>
    public int Seed(int organisations, int membersPerOrganisation, DateTime now)
    {
        var first = (int)Scalar("SELECT COUNT(*) FROM \"Organisations\" WHERE \"Slug\" LIKE 'bench-%'");
        var legal = CurrentLegalVersions();
        var total = (long)organisations * membersPerOrganisation;

        using var organisationRows = new BulkInsert(connection, "Organisations", "Id", "Name", "Slug", "IsOperator", "CreatedAt");
        using var userRows = new BulkInsert(connection, "AspNetUsers",
            "Id", "FirstName", "LastName", "CreatedAt", "PromotionalEmailOptIn", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
            "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed", "TwoFactorEnabled",
            "LockoutEnd", "LockoutEnabled", "AccessFailedCount");
        using var memberRows = new BulkInsert(connection, "OrganisationMembers", "Id", "TenantId", "UserId", "Role", "JoinedAt");
        using var acceptanceRows = new BulkInsert(connection, "PolicyAcceptances", "Id", "UserId", "Kind", "Version", "AcceptedAt");
        BulkInsert[] all = [organisationRows, userRows, memberRows, acceptanceRows];

        using var batches = new SeedBatches(connection, output, "members", total, RowsPerTransaction, all);
        for (var o = first; o < first + organisations; o++)
        {
            var organisationId = Guid.CreateVersion7();
            organisationRows.Row(organisationId, $"Bench Organisation {o:D5}", $"bench-{o:D5}", false, now);
            for (var m = 0; m < membersPerOrganisation; m++)
            {
                var userId = Guid.NewGuid().ToString();
                var email = Email(o, m);
                var upper = email.ToUpperInvariant();
                userRows.Row(userId, FirstNames[m % FirstNames.Length], LastNames[(m / FirstNames.Length) % LastNames.Length], now, m % 3 == 0,
                    email, upper, email, upper, true, passwordHash, Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(),
                    null, false, false, null, true, 0L);
                memberRows.Row(Guid.CreateVersion7(), organisationId, userId, RoleOf(m).ToString(), now);
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
