using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Components;

namespace Portal.Web.Features.Organisations;

/// <summary>The actions an administrator may take on a member; each asks first in a dialog, and the service decides again.</summary>
public sealed partial class MemberActions
{
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

    [Inject] private Privacy.MemberClosures Closures { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private string MemberName => Details.Name.Length > 0 ? Details.Name : Details.Email;

    protected override void OnParametersSet() => newRole = Details.Target.Role;

    private static bool IsDanger(Step step) => step is Step.Restrict or Step.Close or Step.EndSessions or Step.ResetTwoFactor or Step.TransferOwnership;

    private async Task ChangeRoleAsync()
    {
        var role = newRole;
        var question = new Confirmation(L["Member_ConfirmTitle", L["Member_ChangeRole"], MemberName],
            L["Member_Confirm_ChangeRole", L[$"Role_{Details.Target.Role}"], L[$"Role_{role}"]], L["Member_ChangeRole"], L["Member_Cancel"]);
        if (await AskFirstAsync(question))
        {
            await RunAsync("ChangeRole", () => Administration.ChangeRoleAsync(Details.Target.UserId, role));
        }
    }

    private async Task AskAsync(Step step)
    {
        var question = new Confirmation(L["Member_ConfirmTitle", L[$"Member_Ask_{step}"], MemberName], L[$"Member_Confirm_{step}"],
            L[$"Member_Do_{step}"], L["Member_Cancel"], Danger: IsDanger(step));
        if (!await AskFirstAsync(question))
        {
            return;
        }

        var userId = Details.Target.UserId;
        await RunAsync(step.ToString(), () => step switch
        {
            Step.TransferOwnership => Administration.TransferOwnershipAsync(userId),
            Step.SendPasswordReset => Administration.SendPasswordResetAsync(userId),
            Step.EndSessions => Administration.EndSessionsAsync(userId),
            Step.ResetTwoFactor => Administration.ResetTwoFactorAsync(userId),
            Step.Restrict => Administration.RestrictAsync(userId),
            Step.LiftRestriction => Administration.LiftRestrictionAsync(userId),
            Step.Close => Closures.CloseAsync(userId),
            _ => throw new InvalidOperationException($"Unknown member action {step}."),
        });
    }

    private Task<bool> AskFirstAsync(Confirmation question)
    {
        if (busy)
        {
            return Task.FromResult(false);
        }

        message = null;
        return Dialogs.ConfirmAsync(question);
    }

    private async Task RunAsync(string name, Func<Task<MemberActionOutcome>> act)
    {
        busy = true;
        var outcome = await act();
        busy = false;
        failed = outcome != MemberActionOutcome.Done;
        message = failed ? L["Member_Refused"] : L[$"Member_Done_{name}"];
        await OnChanged.InvokeAsync();
    }
}
