using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Web.Components;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Organisations;

/// <summary>Invite people by email, and send again or revoke the invitations still open.</summary>
public sealed partial class MemberInvitations
{
    private InvitationForm form = new();
    private IReadOnlyList<PendingInvitation> pending = [];
    private string? message;
    private bool failed;
    private bool busy;
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    [Inject] private Invitations Invitations { get; set; } = default!;

    [Inject] private Dashboard.DashboardService Dashboard { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<OrganisationRole> roles = [];

    protected override async Task OnInitializedAsync()
    {
        roles = await Invitations.RolesOfferedAsync();
        timeZone = await Dashboard.GetTimeZoneAsync();
        pending = await Invitations.ListAsync();
    }

    private DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);

    /// <summary>Shows invitations sent from elsewhere on the page (a file of them).</summary>
    public async Task RefreshAsync()
    {
        pending = await Invitations.ListAsync();
        StateHasChanged();
    }

    private async Task InviteAsync()
    {
        if (busy)
        {
            return;
        }

        busy = true;
        var email = form.Email.Trim();
        var outcome = await Invitations.InviteAsync(form);
        busy = false;
        failed = outcome != InvitationOutcome.Sent;
        message = L[$"Invite_{outcome}", email];
        if (!failed)
        {
            form = new InvitationForm { Role = form.Role };
            pending = await Invitations.ListAsync();
        }
    }

    private async Task ChangeAsync(PendingInvitation invitation, bool resend)
    {
        if (!resend && !await Dialogs.ConfirmAsync(new Confirmation(L["Invite_RevokeFor", invitation.Email], L["Invite_RevokeConfirm", invitation.Email],
                L["Invite_Revoke"], L["Member_Cancel"], Danger: true)))
        {
            return;
        }

        busy = true;
        var outcome = resend ? await Invitations.ResendAsync(invitation.Id) : await Invitations.RevokeAsync(invitation.Id);
        busy = false;
        failed = outcome != InvitationOutcome.Sent;
        message = failed ? L[$"Invite_{outcome}", invitation.Email] : L[resend ? "Invite_Resent" : "Invite_Revoked", invitation.Email];
        pending = await Invitations.ListAsync();
    }
}
