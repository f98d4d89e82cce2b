using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>
/// The member row's copies of its user's name and email (<see cref="OrganisationMember.SortName"/>,
/// <see cref="OrganisationMember.SearchName"/>, <see cref="OrganisationMember.NormalizedEmail"/>), so the directory
/// sorts and searches one table. <see cref="PortalDbContext"/> calls <see cref="SyncAsync"/> before every save: this is the
/// only place the copies are written, apart from bulk loaders that call <see cref="Apply(OrganisationMember, PortalUser)"/>'s
/// functions directly.
/// </summary>
public static class MemberDirectoryKeys
{
    public const int SortNameMaxLength = 201;
    public const int EmailMaxLength = 256;

    private static readonly string[] Watched = [nameof(PortalUser.FirstName), nameof(PortalUser.LastName), nameof(PortalUser.Email), nameof(PortalUser.NormalizedEmail)];

    public static string SortName(string? firstName, string? lastName) => Fold($"{lastName} {firstName}", SortNameMaxLength);

    public static string SearchName(string? firstName, string? lastName) => Fold($"{firstName} {lastName}", SortNameMaxLength);

    /// <summary>Identity's normalization (upper-case invariant), also for a user added without going through UserManager.</summary>
    public static string NormalizedEmail(string? normalizedEmail, string? email)
    {
        var value = normalizedEmail ?? email?.ToUpperInvariant() ?? "";
        return value.Length > EmailMaxLength ? value[..EmailMaxLength] : value;
    }

    /// <summary>
    /// Upper case without accents, single spaces, trimmed: "  Chloé   DUBOIS" and "chloe dubois" fold alike, so a search
    /// finds either way of typing it and accented names sort among the others rather than after Z.
    /// </summary>
    public static string Fold(string? text, int maxLength = SortNameMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                if (pendingSpace)
                {
                    folded.Append(' ');
                    pendingSpace = false;
                }

                folded.Append(char.ToUpperInvariant(c));
            }
        }

        var length = Math.Min(folded.Length, maxLength);
        if (length < folded.Length && char.IsHighSurrogate(folded[length - 1]))
        {
            length--;
        }

        return folded.ToString(0, length);
    }

    public static void Apply(OrganisationMember member, PortalUser user)
    {
        member.SortName = SortName(user.FirstName, user.LastName);
        member.SearchName = SearchName(user.FirstName, user.LastName);
        member.NormalizedEmail = NormalizedEmail(user.NormalizedEmail, user.Email);
    }

    /// <summary>
    /// Fills the keys of members being added and refreshes those of people whose name or email is being saved.
    /// A person's membership may belong to another organisation than the one this context acts for (or it acts for
    /// none, as when an email change is confirmed), so it is found by the person's id, past the tenant filter.
    /// </summary>
    internal static async ValueTask SyncAsync(PortalDbContext db, bool async, CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        foreach (var entry in entries)
        {
            if (entry is { Entity: OrganisationMember member, State: EntityState.Added })
            {
                var user = member.User ?? (async ? await db.Users.FindAsync([member.UserId], cancellationToken) : db.Users.Find(member.UserId));
                Apply(member, user ?? throw new InvalidOperationException($"No user {member.UserId} for the new member."));
            }
        }

        var changed = entries
            .Where(e => e is { Entity: PortalUser, State: EntityState.Modified } && Watched.Any(p => e.Property(p).IsModified))
            .Select(e => (PortalUser)e.Entity)
            .ToDictionary(u => u.Id, StringComparer.Ordinal);
        if (changed.Count == 0)
        {
            return;
        }

        var memberships = TenantClaims.MembershipsOf(db, changed.Keys);
        foreach (var member in async ? await memberships.ToListAsync(cancellationToken) : memberships.ToList())
        {
            Apply(member, changed[member.UserId]);
        }
    }
}
