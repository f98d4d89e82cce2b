using System.ComponentModel.DataAnnotations;
using Portal.Web.Resources;

namespace Portal.Web.Features.Organisations;

/// <summary>The rules an organisation sets for its members, as members and services read them.</summary>
public sealed record OrganisationPolicies(
    bool MembersMayCloseAccount,
    bool MembersMayChangeEmail,
    bool MembersMayLinkAccounts,
    bool RequireTwoFactor,
    bool SupportMayAccess,
    IReadOnlySet<string> LockedProfileFields)
{
    /// <summary>The profile fields an organisation may lock: the ones that identify a person at work.</summary>
    public static readonly IReadOnlyList<string> LockableFields = ["FirstName", "LastName", "DisplayName", "JobTitle", "Company"];

    public static OrganisationPolicies Of(Organisation organisation) => new(
        organisation.MembersMayCloseAccount,
        organisation.MembersMayChangeEmail,
        organisation.MembersMayLinkAccounts,
        organisation.RequireTwoFactor,
        organisation.SupportMayAccess,
        ParseLocked(organisation.LockedProfileFields));

    public static IReadOnlySet<string> ParseLocked(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(LockableFields.Contains).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What an Owner edits on the settings page; validated on the server.</summary>
public sealed class OrganisationSettingsForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(200, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Settings_NameLength))]
    [Display(Name = nameof(Strings.Settings_Name), ResourceType = typeof(Strings))]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [RegularExpression("^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$", ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Settings_SlugRule))]
    [Display(Name = nameof(Strings.Settings_Slug), ResourceType = typeof(Strings))]
    public string Slug { get; set; } = "";

    public bool MembersMayCloseAccount { get; set; }

    public bool MembersMayChangeEmail { get; set; }

    public bool MembersMayLinkAccounts { get; set; }

    public bool RequireTwoFactor { get; set; }

    public bool SupportMayAccess { get; set; }

    public bool TellAdminsOfSupportAccess { get; set; }

    public ISet<string> LockedProfileFields { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    public static OrganisationSettingsForm From(Organisation organisation) => new()
    {
        Name = organisation.Name,
        Slug = organisation.Slug,
        MembersMayCloseAccount = organisation.MembersMayCloseAccount,
        MembersMayChangeEmail = organisation.MembersMayChangeEmail,
        MembersMayLinkAccounts = organisation.MembersMayLinkAccounts,
        RequireTwoFactor = organisation.RequireTwoFactor,
        SupportMayAccess = organisation.SupportMayAccess,
        TellAdminsOfSupportAccess = organisation.TellAdminsOfSupportAccess,
        LockedProfileFields = new HashSet<string>(OrganisationPolicies.ParseLocked(organisation.LockedProfileFields), StringComparer.Ordinal),
    };
}
