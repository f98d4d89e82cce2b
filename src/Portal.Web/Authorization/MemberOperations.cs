using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Authorization;

/// <summary>What an organisation's Owner or Admin (and, for a few of them, operator staff) may do to a member.</summary>
public enum MemberAction
{
    View,
    EditProfile,
    Restrict,
    EndSessions,
    ResetTwoFactor,
    SendPasswordReset,
    ExportData,
    Close,
}

/// <summary>The member an action is about, as loaded through the tenant filter (or by staff, across organisations).</summary>
public sealed record MemberTarget(Guid OrganisationId, string UserId, OrganisationRole Role);

/// <summary>A change of a member's role, judged on both the member's present role and the role asked for.</summary>
public sealed record RoleChange(MemberTarget Member, OrganisationRole NewRole);

public class MemberActionRequirement(MemberAction action) : IAuthorizationRequirement
{
    public MemberAction Action { get; } = action;
}

/// <summary>A member action that removes or restores access or a sign-in factor (<see cref="IAccessChange"/>).</summary>
public sealed class MemberAccessRequirement(MemberAction action, string operation) : MemberActionRequirement(action), IAccessChange
{
    public string Operation { get; } = operation;
}

public sealed class ChangeRoleRequirement : IAccessChange
{
    public string Operation => "change_role";
}

/// <summary>The requirements to pass to <c>IAuthorizationService.AuthorizeAsync(user, target, ...)</c>.</summary>
public static class MemberOperations
{
    public static readonly MemberActionRequirement View = new(MemberAction.View);
    public static readonly MemberActionRequirement EditProfile = new(MemberAction.EditProfile);
    public static readonly MemberActionRequirement Restrict = new MemberAccessRequirement(MemberAction.Restrict, "restrict_member");
    public static readonly MemberActionRequirement EndSessions = new MemberAccessRequirement(MemberAction.EndSessions, "end_member_sessions");
    public static readonly MemberActionRequirement ResetTwoFactor = new MemberAccessRequirement(MemberAction.ResetTwoFactor, "reset_two_factor");
    public static readonly MemberActionRequirement SendPasswordReset = new(MemberAction.SendPasswordReset);
    public static readonly MemberActionRequirement ExportData = new(MemberAction.ExportData);
    public static readonly MemberActionRequirement Close = new MemberAccessRequirement(MemberAction.Close, "close_member");
    public static readonly ChangeRoleRequirement ChangeRole = new();

    public static MemberActionRequirement For(MemberAction action) => action switch
    {
        MemberAction.View => View,
        MemberAction.EditProfile => EditProfile,
        MemberAction.Restrict => Restrict,
        MemberAction.EndSessions => EndSessions,
        MemberAction.ResetTwoFactor => ResetTwoFactor,
        MemberAction.SendPasswordReset => SendPasswordReset,
        MemberAction.ExportData => ExportData,
        MemberAction.Close => Close,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown member action."),
    };
}
