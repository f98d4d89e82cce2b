using Microsoft.AspNetCore.Components;

namespace Portal.Web.Features.Organisations;

/// <summary>The actions an administrator may take on a member; each asks first, and the service decides again.</summary>
public sealed partial class MemberActions
{
    private Step? asking;
    private bool busy;
    private string? message;
    private bool failed;
    private OrganisationRole newRole;

    internal enum Step
    {
        TransferOwnership,
        SendPasswordReset,
        EndSessions,
        ResetTwoFactor,
        Restrict,
        LiftRestriction,
        Close,
    }

    [Parameter, EditorRequired] public MemberDetails Details { get; set; } = default!;

    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private MemberAdministration Administration { get; set; } = default!;

    protected override void OnParametersSet() => newRole = Details.Target.Role;

    private void Ask(Step step)
    {
        asking = step;
        message = null;
    }

    private Task ChangeRoleAsync() => RunAsync("ChangeRole", () => Administration.ChangeRoleAsync(Details.Target.UserId, newRole));

    private Task ConfirmAsync()
    {
        var step = asking!.Value;
        var userId = Details.Target.UserId;
        return RunAsync(step.ToString(), () => step switch
        {
            Step.TransferOwnership => Administration.TransferOwnershipAsync(userId),
            Step.SendPasswordReset => Administration.SendPasswordResetAsync(userId),
            Step.EndSessions => Administration.EndSessionsAsync(userId),
            Step.ResetTwoFactor => Administration.ResetTwoFactorAsync(userId),
            Step.Restrict => Administration.RestrictAsync(userId),
            Step.LiftRestriction => Administration.LiftRestrictionAsync(userId),
            Step.Close => Administration.CloseAsync(userId),
            _ => throw new InvalidOperationException($"Unknown member action {step}."),
        });
    }

    private async Task RunAsync(string name, Func<Task<MemberActionOutcome>> act)
    {
        busy = true;
        var outcome = await act();
        busy = false;
        asking = null;
        failed = outcome != MemberActionOutcome.Done;
        message = failed ? L["Member_Refused"] : L[$"Member_Done_{name}"];
        await OnChanged.InvokeAsync();
    }
}
