namespace Portal.Web.Authorization;

/// <summary>Names of the authorization policies every page and endpoint declares.</summary>
public static class Policies
{
    /// <summary>A signed-in person who belongs to an organisation.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>An organisation's Admin or Owner.</summary>
    public const string OrganisationAdmin = "OrganisationAdmin";

    /// <summary>An organisation's Owner.</summary>
    public const string OrganisationOwner = "OrganisationOwner";

    /// <summary>Operator staff who help users: Support or PlatformAdmin.</summary>
    public const string Support = "Support";

    /// <summary>Operator staff who run the platform.</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>The signed-in person themselves, not Portal support acting for them: for changing how they sign in, exporting or closing.</summary>
    public const string AccountHolder = "AccountHolder";

    /// <summary>Whoever may send announcements: PlatformAdmins, and organisation Owners to their own members.</summary>
    public const string Announcer = "Announcer";

    /// <summary>Resource-based: may this person see that profile (<see cref="ProfileAudience"/>)?</summary>
    public const string ViewProfile = "ViewProfile";
}

/// <summary>Platform roles (Identity roles) held by the operator organisation's staff.</summary>
public static class PlatformRoles
{
    public const string Support = "Support";
    public const string PlatformAdmin = "PlatformAdmin";

    public static readonly IReadOnlyList<string> All = [Support, PlatformAdmin];
}
