using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Data;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>One line of an uploaded file: the address and role it asks for, and what is wrong with it, if anything.</summary>
public sealed record BulkInviteRow(int Line, string Email, OrganisationRole? Role, IReadOnlyList<string> Problems);

/// <summary>A checked file: sent only when the file as a whole and every row are good.</summary>
public sealed record BulkInvitePlan(IReadOnlyList<BulkInviteRow> Rows, string? FileProblem = null)
{
    public bool IsReady => FileProblem is null && Rows.Count > 0 && Rows.All(r => r.Problems.Count == 0);

    public int RowsWithProblems => Rows.Count(r => r.Problems.Count > 0);
}

/// <summary>
/// Invites many people from a CSV file with an <c>email</c> column and an optional <c>role</c> column. The file is
/// checked row by row first; it is sent only when every row is good, and then all at once, in one transaction, so a
/// bad file or a failure halfway never leaves some people invited and others not.
/// </summary>
public sealed class BulkInvitations(
    IDbContextFactory<PortalDbContext> dbFactory,
    TenantContext tenant,
    Invitations invitations,
    OrganisationSendingLimit sending,
    IStringLocalizer<Strings> localizer)
{
    public const int MaxRows = 1_000;
    public const long MaxBytes = 1024 * 1024;

    private static readonly EmailAddressAttribute EmailCheck = new();

    public async Task<BulkInvitePlan> CheckAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        var (rows, problem) = Read(csv);
        return problem is not null ? new BulkInvitePlan([], problem) : await CheckRowsAsync(rows, cancellationToken);
    }

    /// <summary>Checks the plan again (others may have invited the same people meanwhile) and sends it, or sends nothing.</summary>
    public async Task<BulkInvitePlan> SendAsync(BulkInvitePlan plan, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var checkedPlan = await CheckRowsAsync([.. plan.Rows.Select(r => (r.Line, r.Email, r.Role?.ToString() ?? ""))], cancellationToken);
        if (!checkedPlan.IsReady)
        {
            return checkedPlan;
        }

        var organisationId = tenant.TenantId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sender = await invitations.SenderAsync(db, organisationId);
        var prepared = new List<PreparedInvitation>(checkedPlan.Rows.Count);
        foreach (var row in checkedPlan.Rows)
        {
            prepared.Add(await invitations.PrepareAsync(organisationId, row.Email, row.Role!.Value, sender));
            progress?.Report(prepared.Count);
        }

        return await invitations.WriteAsync(db, prepared)
            ? checkedPlan
            : checkedPlan with { FileProblem = localizer["Bulk_SendingLimit", prepared.Count, sending.PerHour] };
    }

    private (List<(int Line, string Email, string Role)> Rows, string? Problem) Read(Stream csv)
    {
        var rows = new List<(int, string, string)>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            DetectDelimiter = true,
        };
        try
        {
            using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvReader(reader, configuration);
            if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is not { } header || !header.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase)))
            {
                return (rows, localizer["Bulk_NoEmailColumn"]);
            }

            while (parser.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return (rows, localizer["Bulk_TooManyRows", MaxRows.ToString("N0", CultureInfo.CurrentCulture)]);
                }

                var email = parser.GetField("email")?.Trim() ?? "";
                var role = parser.TryGetField<string>("role", out var value) ? value?.Trim() ?? "" : "";
                if (email.Length > 0 || role.Length > 0)
                {
                    rows.Add((parser.Parser.RawRow, email, role));
                }
            }
        }
        catch (CsvHelperException)
        {
            return (rows, localizer["Bulk_Unreadable"]);
        }

        return rows.Count == 0 ? (rows, localizer["Bulk_Empty"]) : (rows, null);
    }

    private async Task<BulkInvitePlan> CheckRowsAsync(List<(int Line, string Email, string Role)> rows, CancellationToken cancellationToken)
    {
        var organisationId = tenant.TenantId;
        var allowed = new Dictionary<OrganisationRole, bool>();
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            allowed[role] = await invitations.MayInviteAsync(organisationId, role);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (members, invited) = await invitations.TakenAsync(db, [.. rows.Select(r => Invitations.Normalize(r.Email)).Distinct(StringComparer.Ordinal)]);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedRows = new List<BulkInviteRow>(rows.Count);
        foreach (var (line, email, roleText) in rows)
        {
            var problems = new List<string>();
            var normalized = Invitations.Normalize(email);
            var role = ParseRole(roleText);
            if (email.Length > 256 || !EmailCheck.IsValid(email))
            {
                problems.Add(localizer["Bulk_BadEmail"]);
            }
            else if (!firstLine.TryAdd(normalized, line))
            {
                problems.Add(localizer["Bulk_Duplicate", firstLine[normalized]]);
            }
            else if (members.Contains(normalized))
            {
                problems.Add(localizer["Bulk_AlreadyMember"]);
            }
            else if (invited.Contains(normalized))
            {
                problems.Add(localizer["Bulk_AlreadyInvited"]);
            }

            if (role is null)
            {
                problems.Add(localizer["Bulk_BadRole", roleText]);
            }
            else if (!allowed[role.Value])
            {
                problems.Add(localizer["Bulk_RoleNotAllowed", localizer[$"Role_{role}"]]);
            }

            checkedRows.Add(new BulkInviteRow(line, email, role, problems));
        }

        return new BulkInvitePlan(checkedRows);
    }

    /// <summary>A role by its code or its English or French name; an empty cell means Member.</summary>
    private OrganisationRole? ParseRole(string text)
    {
        if (text.Length == 0)
        {
            return OrganisationRole.Member;
        }

        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            if (text.Equals(role.ToString(), StringComparison.OrdinalIgnoreCase)
                || text.Equals(localizer[$"Role_{role}"], StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return null;
    }
}
