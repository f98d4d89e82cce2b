using Portal.Web.Data;

namespace Portal.Web.Features.Profiles;

public enum ProfileVisibility
{
    Private,
    Organisation,
    Public,
}

public enum ContactChannel
{
    Email,
    Phone,
}

/// <summary>
/// What a person tells Portal about themselves beyond their name and sign-in address, and who may see it.
/// One per person; it belongs to the person (not to their organisation), like their Identity account.
/// </summary>
public sealed class Profile
{
    public string UserId { get; set; } = "";

    public PortalUser? User { get; set; }

    /// <summary>The public handle in <c>/u/{username}</c>; unique without regard to case.</summary>
    public string? Username { get; set; }

    public string? NormalizedUsername { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>E.164, for example +442079460958.</summary>
    public string? Phone { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }

    public string? JobTitle { get; set; }

    public string? Company { get; set; }

    public string? Bio { get; set; }

    public string? Language { get; set; }

    /// <summary>IANA time zone id, for example Europe/Paris.</summary>
    public string? TimeZone { get; set; }

    public ContactChannel PreferredContact { get; set; }

    public ProfileVisibility Visibility { get; set; }

    /// <summary>Only honoured while <see cref="Visibility"/> is Public.</summary>
    public bool AllowSearchIndexing { get; set; }

    public bool ShowJobTitle { get; set; } = true;

    public bool ShowCompany { get; set; } = true;

    public bool ShowBio { get; set; } = true;

    public DateTime UpdatedAt { get; set; }

    public bool IsIndexable => Visibility == ProfileVisibility.Public && AllowSearchIndexing;
}
