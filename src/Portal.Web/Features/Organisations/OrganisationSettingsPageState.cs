namespace Portal.Web.Features.Organisations;

/// <summary>
/// The organisation's settings as loaded, as plain data the prerendered page hands to the interactive one. The page
/// edits a form made from it with <see cref="ToForm"/>, so these stay as they were loaded.
/// </summary>
public sealed record OrganisationSettingsPageState(
    string Name,
    string Slug,
    bool MembersMayCloseAccount,
    bool MembersMayChangeEmail,
    bool MembersMayLinkAccounts,
    bool RequireTwoFactor,
    bool SupportMayAccess,
    bool TellAdminsOfSupportAccess,
    string[] LockedProfileFields,
    bool CanEdit)
{
    public static OrganisationSettingsPageState From(OrganisationSettingsView view) => new(
        view.Form.Name,
        view.Form.Slug,
        view.Form.MembersMayCloseAccount,
        view.Form.MembersMayChangeEmail,
        view.Form.MembersMayLinkAccounts,
        view.Form.RequireTwoFactor,
        view.Form.SupportMayAccess,
        view.Form.TellAdminsOfSupportAccess,
        [.. view.Form.LockedProfileFields],
        view.CanEdit);

    public OrganisationSettingsView ToView() => new(Slug, ToForm(), CanEdit);

    public OrganisationSettingsForm ToForm() => new()
    {
        Name = Name,
        Slug = Slug,
        MembersMayCloseAccount = MembersMayCloseAccount,
        MembersMayChangeEmail = MembersMayChangeEmail,
        MembersMayLinkAccounts = MembersMayLinkAccounts,
        RequireTwoFactor = RequireTwoFactor,
        SupportMayAccess = SupportMayAccess,
        TellAdminsOfSupportAccess = TellAdminsOfSupportAccess,
        LockedProfileFields = new HashSet<string>(LockedProfileFields, StringComparer.Ordinal),
    };
}
