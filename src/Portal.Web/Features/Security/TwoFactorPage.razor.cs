using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Web.Components;
using Portal.Web.Resources;

namespace Portal.Web.Features.Security;

public sealed partial class TwoFactorPage
{
    public const string Path = "account/security/two-factor";

    private TwoFactorStatus? status;
    private AuthenticatorSetup? setup;
    private IReadOnlyList<string>? recoveryCodes;
    private string? message;
    private bool failed;
    private bool busy;

    [Inject] private TwoFactorService TwoFactor { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<Strings> Localizer { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private static string ReauthenticateLink => $"Account/Reauthenticate?returnUrl={Uri.EscapeDataString("/" + Path)}";

    protected override async Task OnInitializedAsync() => status = await TwoFactor.GetStatusAsync();

    private void CancelSetup() => setup = null;

    private Task BeginSetupAsync() => RunAsync(TwoFactor.BeginSetupAsync, result => setup = result.Setup);

    private Task EnableAsync(string code) => RunAsync(() => TwoFactor.EnableAsync(code), result =>
    {
        setup = null;
        recoveryCodes = result.RecoveryCodes;
        message = Localizer["TwoFactor_Enabled"];
        Snackbar.Add(message, Severity.Success);
    });

    private async Task RegenerateAsync()
    {
        if (await ConfirmAsync("TwoFactor_NewCodesTitle", "TwoFactor_NewCodesMessage", "TwoFactor_ConfirmNewCodes"))
        {
            await RunAsync(TwoFactor.RegenerateRecoveryCodesAsync, result => recoveryCodes = result.RecoveryCodes);
        }
    }

    private async Task DisableAsync()
    {
        if (await ConfirmAsync("TwoFactor_TurnOffTitle", "TwoFactor_TurnOffMessage", "TwoFactor_ConfirmTurnOff"))
        {
            await RunAsync(TwoFactor.DisableAsync, _ =>
            {
                message = Localizer["TwoFactor_Disabled"];
                Snackbar.Add(message, Severity.Success);
            });
        }
    }

    private Task<bool> ConfirmAsync(string title, string text, string action) => Dialogs.ConfirmAsync(new Confirmation(
        Localizer[title], Localizer[text], Localizer[action], Localizer["TwoFactor_Cancel"], Danger: true));

    private async Task RunAsync(Func<Task<TwoFactorResult>> change, Action<TwoFactorResult> succeeded)
    {
        if (busy)
        {
            return;
        }

        busy = true;
        message = null;
        var result = await change();
        busy = false;
        failed = !result.Succeeded;
        if (result.Succeeded)
        {
            succeeded(result);
        }
        else
        {
            message = Localizer[$"TwoFactor_{result.Outcome}"];
        }

        status = await TwoFactor.GetStatusAsync();
    }

    private async Task DoneWithCodesAsync()
    {
        recoveryCodes = null;
        message = null;
        if ((await AuthenticationState).User.HasClaim(c => c.Type == SecurityClaims.TwoFactorSetupRequired))
        {
            // The sign-in still says "set up two-factor first"; a full load re-reads the account and opens the portal.
            Navigation.NavigateTo("", forceLoad: true);
        }
    }
}
