using System.ComponentModel.DataAnnotations;
using Portal.Web.Resources;

namespace Portal.Web.Features.Security;

public sealed partial class ChangePasswordPage
{
    private readonly PasswordForm form = new();
    private string? message;
    private bool changed;
    private bool busy;
    private int otherSessions;

    private async Task ChangeAsync()
    {
        busy = true;
        var result = await PasswordChange.ChangeAsync(form.CurrentPassword, form.NewPassword, form.EndOtherSessions);
        busy = false;
        changed = result.Succeeded;
        form.CurrentPassword = form.NewPassword = form.ConfirmPassword = "";
        if (!result.Succeeded)
        {
            message = string.Join(" ", result.Errors);
            return;
        }

        message = result.OtherSessionsEnded > 0 ? L["Password_ChangedEnded", result.OtherSessionsEnded] : L["Password_Changed"];
        otherSessions = (await Sessions.ListAsync(CurrentUser.UserId!, CurrentUser.Principal.Session())).Count(s => !s.IsCurrent);
    }

    private async Task EndOthersAsync()
    {
        var count = await Sessions.EndOthersAsync(CurrentUser.UserId!, CurrentUser.Principal.Session()!.Value, SessionEndReasons.PasswordChanged);
        message = L["Security_OthersEnded", count];
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
