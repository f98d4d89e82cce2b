using MudBlazor;

namespace Portal.Web.Features.Security;

/// <summary>The result of a change to the account's security, told in a snackbar beside the page's own status line.</summary>
internal static class SecurityNotices
{
    /// <summary>
    /// Shown and hidden without a fade, at full opacity: a snackbar half faded in has too little contrast to read,
    /// and that is when a person glances at it.
    /// </summary>
    public static void Tell(this ISnackbar snackbar, string message, Severity severity = Severity.Success) =>
        snackbar.Add(message, severity, options =>
        {
            options.ShowTransitionDuration = 0;
            options.HideTransitionDuration = 0;
            options.MaximumOpacity = 100;
        });
}
