namespace Portal.Web.Tenancy;

/// <summary>Claim types Portal adds to the Identity principal.</summary>
public static class PortalClaims
{
    public const string TenantId = "portal:tenant";
    public const string TenantName = "portal:tenant_name";
    public const string OrganisationRole = "portal:org_role";
    public const string DisplayName = "portal:display_name";
}
