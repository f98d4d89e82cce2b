namespace Portal.Web.Features.Organisations;

/// <summary>Where a member stands in their organisation. Stored by name, so new values never renumber old rows.</summary>
public enum MemberStatus
{
    Active = 0,
    Invited = 1,
    Restricted = 2,
    Closed = 3,
}
