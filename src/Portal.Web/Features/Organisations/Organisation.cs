namespace Portal.Web.Features.Organisations;

/// <summary>A customer organisation: the tenant. The operator organisation employs Support and PlatformAdmin staff.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Slug { get; set; } = "";

    public bool IsOperator { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Members must use a second factor; those without one are sent to set it up after signing in.</summary>
    public bool RequireTwoFactor { get; set; }
}
