namespace Portal.Web.Features.Organisations;

/// <summary>The organisation page's summary, as plain data the prerendered page hands to the interactive one.</summary>
public sealed record OrganisationPageState(string Name, DateTime CreatedAt, OrganisationRoleCount[] Members)
{
    public static OrganisationPageState From(OrganisationSummary summary) =>
        new(summary.Name, summary.CreatedAt, [.. summary.MembersByRole.Select(m => new OrganisationRoleCount(m.Key, m.Value))]);

    public int CountOf(OrganisationRole role) => Members.Where(m => m.Role == role).Sum(m => m.Count);
}

public sealed record OrganisationRoleCount(OrganisationRole Role, int Count);
