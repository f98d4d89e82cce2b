using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portal.Web.Features.Profiles;

namespace Portal.Benchmarks;

/// <summary>A seeded profile: its handle, the name its public page shows in its heading, and whether anyone may see it.</summary>
internal sealed record SeededProfile(string Username, string Name, bool IsPublic);

/// <summary>
/// A profile for every seeded member who has none, as the profile editor would save it: handle <c>member000123</c>
/// (numbered across all profiles), nine in ten Public and one in ten Private, one in three open to search engines,
/// half with a display name of their own (the other half show their account name), job, company and a short bio.
/// </summary>
internal sealed class ProfileSeeder(SqliteConnection connection, TextWriter output)
{
    private const int RowsPerTransaction = 10_000;

    private static readonly string[] JobTitles = ["Engineer", "Product Manager", "Designer", "Accountant", "Nurse", "Teacher", "Sales Lead", "Analyst"];
    private static readonly string[] Companies = ["Northwind", "Contoso", "Fabrikam", "Tailspin Toys", "Litware", "Adventure Works", "Proseware", "Woodgrove"];

    public static string Username(long number) => $"member{number:D6}";

    public List<SeededProfile> Seed(DateTime now)
    {
        var first = Scalar("SELECT COUNT(*) FROM \"Profiles\"");
        var users = UsersWithoutProfile();
        var seeded = new List<SeededProfile>(users.Count);

        using var rows = new BulkInsert(connection, "Profiles",
            "UserId", "Username", "NormalizedUsername", "DisplayName", "JobTitle", "Company", "Bio", "PreferredContact", "Visibility",
            "AllowSearchIndexing", "ShowJobTitle", "ShowCompany", "ShowBio", "UpdatedAt");
        using var batches = new SeedBatches(connection, output, "profiles", users.Count, RowsPerTransaction, rows);
        for (var i = 0; i < users.Count; i++)
        {
            var (userId, accountName) = users[i];
            var number = first + i;
            var username = Username(number);
            var displayName = number % 2 == 0 ? $"{accountName} ({username})" : null;
            var visibility = number % 10 == 9 ? ProfileVisibility.Private : ProfileVisibility.Public;
            var job = JobTitles[number % JobTitles.Length];
            var company = Companies[(number / JobTitles.Length) % Companies.Length];
            rows.Row(userId, username, ProfileRules.NormalizeUsername(username), displayName, job, company, Bio(number, job, company),
                nameof(ContactChannel.Email), visibility.ToString(), number % 3 == 0, true, true, true, now);
            seeded.Add(new SeededProfile(username, displayName ?? accountName, visibility == ProfileVisibility.Public));
            batches.RowDone();
        }

        return seeded;
    }

    private static string Bio(long number, string job, string company) =>
        $"{job} at {company} since {2000 + (number % 25)}. I look after the quarterly planning, mentor new colleagues and " +
        "write the team's internal guides. Outside work: cycling, choir and far too many houseplants. Happy to talk about " +
        $"accessibility, good documentation and anything to do with {company}.";

    /// <summary>Members in the order they were seeded, with the name their account gives them.</summary>
    private List<(string UserId, string Name)> UsersWithoutProfile()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u."Id", u."FirstName" || ' ' || u."LastName" FROM "AspNetUsers" u
            WHERE NOT EXISTS (SELECT 1 FROM "Profiles" p WHERE p."UserId" = u."Id") ORDER BY u.rowid
            """;
        using var reader = command.ExecuteReader();
        var users = new List<(string, string)>();
        while (reader.Read())
        {
            users.Add((reader.GetString(0), reader.GetString(1)));
        }

        return users;
    }

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
