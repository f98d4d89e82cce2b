using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Portal.Web.Audit;

namespace Portal.Benchmarks;

/// <summary>
/// Appends audit events to the end of the chain, filled in by the rules of <see cref="AuditLog.AppendAsync"/>
/// (microsecond UTC time, length limits) and hashed with <see cref="AuditHash"/>, so <c>audit verify</c> passes.
/// </summary>
internal sealed class AuditSeeder(SqliteConnection connection, TextWriter output)
{
    private const int RowsPerTransaction = 50_000;
    private const int MaxActors = 200_000;
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(2);

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
    ];

    public void Seed(int count, DateTime now)
    {
        var (lastSequence, previousHash, lastOccurredAt) = Tail();
        var actors = Actors();

        // Spread over the recent past, after the events already in the chain, ending now; at least a microsecond apart.
        var start = TruncateToMicroseconds(new DateTime(Math.Max((now - (Spacing * count)).Ticks, lastOccurredAt.Ticks + 10), DateTimeKind.Utc));
        var spacingTicks = Math.Max(10, (now - start).Ticks / Math.Max(count, 1) / 10 * 10);

        using var rows = new BulkInsert(connection, "AuditEvents",
            "Sequence", "OccurredAt", "OrganisationId", "ActorId", "ImpersonatorId", "SubjectId", "Action", "Target",
            "IpAddress", "UserAgent", "CorrelationId", "ChangedFields", "PreviousHash", "Hash");
        using var batches = new SeedBatches(connection, output, "audit", count, RowsPerTransaction, rows);
        for (var i = 0; i < count; i++)
        {
            var e = Event(lastSequence + 1 + i, start.AddTicks(spacingTicks * i), actors);
            e.PreviousHash = previousHash;
            e.Hash = AuditHash.Compute(e);
            rows.Row(e.Sequence, e.OccurredAt, e.OrganisationId, e.ActorId, e.ImpersonatorId, e.SubjectId, e.Action, e.Target,
                e.IpAddress, e.UserAgent, e.CorrelationId, e.ChangedFields, e.PreviousHash, e.Hash);
            previousHash = e.Hash;
            batches.RowDone();
        }
    }

    /// <summary>Mostly sign-ins of seeded members, some failures, sign-outs and preference changes, and unknown addresses.</summary>
    private static AuditEvent Event(long sequence, DateTime occurredAt, List<(string UserId, Guid OrganisationId)> actors)
    {
        var kind = sequence % 20;
        var known = actors.Count > 0 && kind != 19;
        var (userId, organisationId) = known ? actors[(int)((ulong)sequence * 2654435761UL % (ulong)actors.Count)] : default;
        return new AuditEvent
        {
            Sequence = sequence,
            OccurredAt = occurredAt,
            OrganisationId = known ? organisationId : null,
            ActorId = known ? userId : null,
            SubjectId = known ? userId : null,
            Action = kind switch
            {
                < 12 => AuditActions.SignedIn,
                < 14 or 19 => AuditActions.SignInFailed,
                < 17 => AuditActions.SignedOut,
                _ => AuditActions.PreferencesChanged,
            },
            Target = known ? null : "unknown account",
            IpAddress = $"198.51.100.{(sequence % 250) + 1}",
            UserAgent = UserAgents[sequence % UserAgents.Length],
            CorrelationId = $"0HNBENCH{sequence / 8:X6}:{(sequence % 8) + 1:X8}",
            ChangedFields = kind is 17 or 18 ? "PromotionalEmailOptIn" : null,
        };
    }

    private (long Sequence, string Hash, DateTime OccurredAt) Tail()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Sequence\", \"Hash\", \"OccurredAt\" FROM \"AuditEvents\" ORDER BY \"Sequence\" DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1), reader.GetDateTime(2)) : (0, AuditHash.Genesis, DateTime.MinValue);
    }

    private List<(string UserId, Guid OrganisationId)> Actors()
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"UserId\", \"TenantId\" FROM \"OrganisationMembers\" LIMIT {MaxActors}";
        using var reader = command.ExecuteReader();
        var actors = new List<(string, Guid)>();
        while (reader.Read())
        {
            actors.Add((reader.GetString(0), Guid.Parse(reader.GetString(1))));
        }

        return actors;
    }

    private static DateTime TruncateToMicroseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
