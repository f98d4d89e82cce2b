namespace Portal.Web.Features.Profiles;

/// <summary>
/// What the profile page loads, as plain data the prerendered page hands to the interactive one: the profile as
/// saved, the fields the organisation manages, and the sign-in address.
/// </summary>
public sealed record MyProfileState(ProfileForm Form, string[] LockedFields, string Email);
