namespace Portal.Web.Data;

/// <summary>A data-protection key ring entry, shared by every app instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = "";
}
