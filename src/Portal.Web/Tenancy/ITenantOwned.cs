namespace Portal.Web.Tenancy;

/// <summary>A row that belongs to one organisation. PortalDbContext filters and stamps it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
