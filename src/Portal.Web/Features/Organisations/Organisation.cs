namespace Portal.Web.Features.Organisations;

/// <summary>A customer organisation: the tenant. The operator organisation employs Support and PlatformAdmin staff.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public bool IsOperator { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set while Portal has suspended the organisation: none of its members can sign in until it is lifted.</summary>
    public DateTime? SuspendedAt { get; set; }

    /// <summary>Members must use a second factor; those without one are sent to set it up after signing in.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>Members may close their own account; otherwise closing becomes a request to the administrators.</summary>
    public bool MembersMayCloseAccount { get; set; } = true;

    /// <summary>Members may change the email address they sign in with.</summary>
    public bool MembersMayChangeEmail { get; set; } = true;

    /// <summary>Members may link social accounts for signing in.</summary>
    public bool MembersMayLinkAccounts { get; set; } = true;

    /// <summary>Portal's support staff may open members' accounts (impersonation, always audited) to help them.</summary>
    public bool SupportMayAccess { get; set; } = true;

    /// <summary>The organisation's Owners and Admins are emailed too whenever Portal's support staff open a member's account.</summary>
    public bool TellAdminsOfSupportAccess { get; set; }

    /// <summary>Profile fields members may not change themselves, comma-separated (<see cref="OrganisationPolicies.LockableFields"/>).</summary>
    public string LockedProfileFields { get; set; } = "";
}
