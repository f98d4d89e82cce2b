namespace Portal.Web.Features.Organisations;

/// <summary>Roles inside one organisation, ordered by power: a higher value may manage a lower one.</summary>
public enum OrganisationRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
