using Portal.Web.Data;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Whose archive is being written, read once: their id and current address, when their account began, and their
/// organisation (null for staff, whose tenant-owned sets then hold nothing of theirs and are not read).
/// </summary>
internal sealed record ArchivePerson(PortalDbContext Db, string UserId, string? Email, string? NormalizedEmail, DateTime CreatedAt, Guid? OrganisationId, DateTime Now);
