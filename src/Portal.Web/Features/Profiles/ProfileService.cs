using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Profiles;

public sealed record ProfileUpdate(bool Succeeded, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> ChangedFields)
{
    public static ProfileUpdate Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors, []);
}

/// <summary>
/// Reads and changes a person's profile: the only writer of profile data, so every change is validated on the server
/// and audited with the names of the fields that changed. Administrators' edits come here too.
/// </summary>
public sealed class ProfileService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AuditLog audit,
    IServiceProvider services,
    IStringLocalizer<Strings> localizer,
    IOutputCacheStore outputCache,
    TimeProvider time)
{
    public const string PublicProfilesTag = "public-profiles";

    public async Task<ProfileForm> GetMineAsync(CancellationToken cancellationToken = default)
    {
        var userId = MyId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return ProfileForm.From(user, profile);
    }

    public async Task<string> GetMyEmailAsync(CancellationToken cancellationToken = default)
    {
        var userId = MyId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(cancellationToken);
    }

    /// <summary>The fields the person's organisation manages for them (none for its Owners and Admins).</summary>
    public async Task<IReadOnlySet<string>> GetMyLockedFieldsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OrganisationSettings.ForMemberAsync(db, MyId()) is { } policies
            && !(await authorization.AuthorizeAsync(currentUser.Principal, policies, MemberPolicyOperations.EditLockedProfileFields)).Succeeded
                ? policies.LockedProfileFields
                : new HashSet<string>();
    }

    public async Task<ProfileUpdate> UpdateMineAsync(ProfileForm form, CancellationToken cancellationToken = default) =>
        await UpdateAsync(MyId(), form, await GetMyLockedFieldsAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The profile fields an administrator may correct for a member: who they are and how to reach them. What the member
    /// chose about their own page (visibility, search indexing, language, what is shown) stays theirs.
    /// </summary>
    public static readonly IReadOnlyList<string> AdministeredFields =
    [
        nameof(ProfileForm.FirstName), nameof(ProfileForm.LastName), nameof(ProfileForm.DisplayName), nameof(ProfileForm.JobTitle),
        nameof(ProfileForm.Company), nameof(ProfileForm.Phone), nameof(ProfileForm.AddressLine1), nameof(ProfileForm.AddressLine2),
        nameof(ProfileForm.PostalCode), nameof(ProfileForm.City),
    ];

    /// <summary>
    /// An administrator corrects a member's profile: only <see cref="AdministeredFields"/> are taken from
    /// <paramref name="edited"/>, the change is audited with the administrator as actor, and the member is told which
    /// fields changed, in the same transaction. The caller has already authorized the administrator for this member.
    /// </summary>
    internal async Task<ProfileUpdate> UpdateMemberAsync(string userId, ProfileForm edited, Func<PortalDbContext, IReadOnlyList<string>, Task> tellMember, CancellationToken cancellationToken = default)
    {
        ProfileForm current;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
            current = ProfileForm.From(user, await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken));
        }

        foreach (var property in typeof(ProfileForm).GetProperties().Where(p => AdministeredFields.Contains(p.Name)))
        {
            property.SetValue(current, property.GetValue(edited));
        }

        return await UpdateAsync(userId, current, new HashSet<string>(), cancellationToken, AuditActions.MemberProfileEdited, tellMember);
    }

    private async Task<ProfileUpdate> UpdateAsync(string userId, ProfileForm form, IReadOnlySet<string> locked, CancellationToken cancellationToken,
        string action = AuditActions.ProfileUpdated, Func<PortalDbContext, IReadOnlyList<string>, Task>? beforeSave = null)
    {
        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return ProfileUpdate.Invalid(errors);
        }

        var input = form.Normalized();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var before = ProfileForm.From(user, profile);

        var normalizedUsername = input.Username is null ? null : ProfileRules.NormalizeUsername(input.Username);
        if (normalizedUsername is not null && normalizedUsername != profile?.NormalizedUsername
            && await db.Profiles.AnyAsync(p => p.NormalizedUsername == normalizedUsername, cancellationToken))
        {
            return ProfileUpdate.Invalid(new Dictionary<string, string> { [nameof(ProfileForm.Username)] = localizer["Profile_UsernameTaken"] });
        }

        var changed = typeof(ProfileForm).GetProperties()
            .Where(p => !Equals(p.GetValue(before), p.GetValue(input)))
            .Select(p => p.Name)
            .ToList();
        if (changed.Count == 0)
        {
            return new ProfileUpdate(true, new Dictionary<string, string>(), []);
        }

        if (changed.Where(locked.Contains).ToList() is { Count: > 0 } refused)
        {
            return ProfileUpdate.Invalid(refused.ToDictionary(field => field, _ => localizer["Profile_LockedByOrganisation"].Value));
        }

        if (profile is null)
        {
            profile = new Profile { UserId = userId };
            db.Add(profile);
        }

        Apply(input, user, profile, normalizedUsername);
        if (beforeSave is not null)
        {
            await beforeSave(db, changed);
        }

        try
        {
            await audit.AppendAsync(db, new AuditRecord(action, SubjectId: userId, ChangedFields: changed), cancellationToken);
        }
        catch (DbUpdateException) when (normalizedUsername is not null)
        {
            // Someone took the username between the check and the save; nothing was written.
            return ProfileUpdate.Invalid(new Dictionary<string, string> { [nameof(ProfileForm.Username)] = localizer["Profile_UsernameTaken"] });
        }

        await outputCache.EvictByTagAsync(PublicProfilesTag, cancellationToken);
        return new ProfileUpdate(true, new Dictionary<string, string>(), changed);
    }

    /// <summary>Drops every cached public profile page: after anything that changes whether a profile may be served.</summary>
    public ValueTask ForgetPublicPagesAsync(CancellationToken cancellationToken = default) =>
        outputCache.EvictByTagAsync(PublicProfilesTag, cancellationToken);

    private Dictionary<string, string> Validate(ProfileForm form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form, services, null), results, validateAllProperties: true);
        return results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(member => (member, message: r.ErrorMessage ?? "")))
            .GroupBy(e => e.member)
            .ToDictionary(g => g.Key, g => g.First().message);
    }

    private void Apply(ProfileForm input, PortalUser user, Profile profile, string? normalizedUsername)
    {
        user.FirstName = input.FirstName;
        user.LastName = input.LastName;
        profile.DisplayName = input.DisplayName;
        profile.Username = input.Username;
        profile.NormalizedUsername = normalizedUsername;
        profile.Phone = input.Phone;
        profile.AddressLine1 = input.AddressLine1;
        profile.AddressLine2 = input.AddressLine2;
        profile.PostalCode = input.PostalCode;
        profile.City = input.City;
        profile.Country = input.Country;
        profile.JobTitle = input.JobTitle;
        profile.Company = input.Company;
        profile.Bio = input.Bio;
        profile.Language = input.Language;
        profile.TimeZone = input.TimeZone;
        profile.PreferredContact = input.PreferredContact;
        profile.Visibility = input.Visibility;
        profile.AllowSearchIndexing = input.AllowSearchIndexing;
        profile.ShowJobTitle = input.ShowJobTitle;
        profile.ShowCompany = input.ShowCompany;
        profile.ShowBio = input.ShowBio;
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    private string MyId() => currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
}
