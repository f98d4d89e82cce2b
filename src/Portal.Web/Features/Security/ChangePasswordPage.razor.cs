using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Web.Components;
using Portal.Web.Resources;

namespace Portal.Web.Features.Security;

public sealed partial class ChangePasswordPage
{
    private readonly PasswordForm form = new();
    private EditContext editContext = default!;
    private ValidationMessageStore refusals = default!;
    private string? message;
    private bool changed;
    private bool busy;
    private int otherSessions;

    protected override void OnInitialized()
    {
        editContext = new EditContext(form);
        refusals = new ValidationMessageStore(editContext);
        editContext.OnFieldChanged += (_, e) => refusals.Clear(e.FieldIdentifier);
    }

    private async Task ChangeAsync()
    {
        if (busy)
        {
            return;
        }

        busy = true;
        message = null;
        refusals.Clear();
        var result = await PasswordChange.ChangeAsync(form.CurrentPassword, form.NewPassword, form.EndOtherSessions);
        busy = false;
        changed = result.Succeeded;
        form.CurrentPassword = form.NewPassword = form.ConfirmPassword = "";
        if (!result.Succeeded)
        {
            // A wrong current password belongs under that field; the password rules' refusals under the new one.
            var field = result.WrongCurrentPassword ? nameof(PasswordForm.CurrentPassword) : nameof(PasswordForm.NewPassword);
            refusals.Add(editContext.Field(field), result.Errors);
            editContext.NotifyValidationStateChanged();
            message = L["Password_NotChanged"];
            return;
        }

        message = result.OtherSessionsEnded > 0 ? L["Password_ChangedEnded", result.OtherSessionsEnded] : L["Password_Changed"];
        Snackbar.Add(message, Severity.Success);
        otherSessions = (await Sessions.ListAsync(CurrentUser.UserId!, CurrentUser.Principal.Session())).Count(s => !s.IsCurrent);
    }

    private async Task EndOthersAsync()
    {
        var confirmed = await Dialogs.ConfirmAsync(new Confirmation(
            L["Security_EndOthersTitle"], L["Security_EndOthersMessage"], L["Security_EndOthers"], L["Common_Cancel"], Danger: true));
        if (!confirmed)
        {
            return;
        }

        busy = true;
        var count = await Sessions.EndOthersAsync(CurrentUser.UserId!, CurrentUser.Principal.Session()!.Value, SessionEndReasons.PasswordChanged);
        busy = false;
        message = L["Security_OthersEnded", count];
        Snackbar.Add(message, Severity.Success);
        otherSessions = 0;
    }

    private sealed class PasswordForm
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
        [Display(Name = nameof(Strings.Password_Current), ResourceType = typeof(Strings))]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
        [StringLength(128, MinimumLength = 10, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_Length))]
        [Display(Name = nameof(Strings.Password_New), ResourceType = typeof(Strings))]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Password_Mismatch))]
        [Display(Name = nameof(Strings.Password_Confirm), ResourceType = typeof(Strings))]
        public string ConfirmPassword { get; set; } = "";

        public bool EndOtherSessions { get; set; } = true;
    }
}
