using MudBlazor;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components;

/// <summary>Asks before a change, in a dialog; true only when the person chose the action.</summary>
public static class Confirmations
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, Confirmation confirmation)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, confirmation.Title },
            { d => d.Message, confirmation.Message },
            { d => d.ConfirmText, confirmation.ConfirmText },
            { d => d.CancelText, confirmation.CancelText },
            { d => d.Danger, confirmation.Danger },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(confirmation.Title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}

/// <param name="Message">What will happen, named plainly: destructive ones say what is lost.</param>
public sealed record Confirmation(string Title, string Message, string ConfirmText, string CancelText, bool Danger = false);
