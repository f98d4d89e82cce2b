using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Web.Resources;

namespace Portal.Web.Features.Profiles;

public sealed partial class MyProfilePage
{
    private ProfileForm? form;
    private IReadOnlySet<string> locked = new HashSet<string>();
    private string email = "";
    private string? savedLanguage;
    private EditContext? editContext;
    private ValidationMessageStore? serverErrors;
    private bool saving;
    private bool saved;
    private string? message;

    /// <summary>
    /// What the page loaded: read while prerendering and handed to the interactive render, so it is read once. The
    /// page edits a copy of its form. A resumed circuit reads it afresh, as it may have been saved since.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipLastSnapshot)]
    public MyProfileState? Loaded { get; set; }

    [Inject] private ProfileService Profiles { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<Strings> Localizer { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Loaded ??= new MyProfileState(
            await Profiles.GetMineAsync(), [.. await Profiles.GetMyLockedFieldsAsync()], await Profiles.GetMyEmailAsync());
        form = Loaded.Form.Copy();
        locked = Loaded.LockedFields.ToHashSet(StringComparer.Ordinal);
        savedLanguage = form.Language;
        email = Loaded.Email;
        editContext = new EditContext(form);
        serverErrors = new ValidationMessageStore(editContext);
        editContext.OnFieldChanged += (_, e) => serverErrors.Clear(e.FieldIdentifier);
    }

    private void ShowNotSaved()
    {
        saved = false;
        message = Localizer["Profile_NotSaved"];
    }

    private async Task SaveAsync()
    {
        if (saving)
        {
            return; // A second press while the first save runs sends nothing.
        }

        saving = true;
        saved = false;
        serverErrors!.Clear();
        ProfileUpdate result;
        try
        {
            result = await Profiles.UpdateMineAsync(form!);
        }
        finally
        {
            saving = false;
        }

        if (!result.Succeeded)
        {
            foreach (var (field, error) in result.Errors)
            {
                serverErrors.Add(editContext!.Field(field), error);
            }

            editContext!.NotifyValidationStateChanged();
            message = Localizer["Profile_NotSaved"];
            return;
        }

        saved = true;
        message = result.ChangedFields.Count == 0 ? Localizer["Profile_NothingChanged"] : Localizer["Profile_Saved"];
        Snackbar.Add(message, result.ChangedFields.Count == 0 ? Severity.Info : Severity.Success);
        var language = form!.Language;
        var languageChanged = language != savedLanguage;
        savedLanguage = language;
        if (language is not null && languageChanged)
        {
            Navigation.NavigateTo($"culture/set?culture={Uri.EscapeDataString(language)}&returnUrl={Uri.EscapeDataString("/account/profile")}", forceLoad: true);
        }
    }
}
