namespace Portal.Web.Features.Organisations;

/// <summary>The header's logo version, or none; a record so that "no logo" is not mistaken for "not read yet".</summary>
public sealed record OrganisationMarkState(string? Version);
