using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Portal.Web.Features.Profiles;

namespace Portal.Web.Features.Organisations;

/// <summary>An administrator's correction of a member's details; the service keeps to the fields administrators may change.</summary>
public sealed partial class MemberProfileEditor
{
    private ProfileForm form = new();
    private EditContext editContext = default!;
    private ValidationMessageStore serverErrors = default!;
    private bool saving;
    private bool saved;
    private string? message;

    [Parameter, EditorRequired] public string UserId { get; set; } = "";

    [Parameter, EditorRequired] public ProfileForm Profile { get; set; } = default!;

    [Parameter] public EventCallback OnSaved { get; set; }

    [Parameter] public EventCallback OnClose { get; set; }

    [Inject] private MemberAdministration Administration { get; set; } = default!;

    protected override void OnInitialized()
    {
        form = Profile.Normalized();
        editContext = new EditContext(form);
        serverErrors = new ValidationMessageStore(editContext);
        editContext.OnFieldChanged += (_, e) => serverErrors.Clear(e.FieldIdentifier);
    }

    private string? Get(string field) => (string?)typeof(ProfileForm).GetProperty(field)!.GetValue(form);

    private void Set(string field, string? value) => typeof(ProfileForm).GetProperty(field)!.SetValue(form, value);

    private Expression<Func<string?>> For(string field) =>
        Expression.Lambda<Func<string?>>(Expression.Property(Expression.Constant(form), field));

    private async Task SaveAsync()
    {
        if (saving)
        {
            return;
        }

        saving = true;
        serverErrors.Clear();
        var (outcome, update) = await Administration.EditProfileAsync(UserId, form);
        saving = false;
        if (outcome != MemberActionOutcome.Done)
        {
            Say(false, L["Member_Refused"]);
            return;
        }

        if (!update!.Succeeded)
        {
            foreach (var (field, error) in update.Errors)
            {
                serverErrors.Add(editContext.Field(field), error);
            }

            editContext.NotifyValidationStateChanged();
            Say(false, L["Member_ProfileNotSaved"]);
            return;
        }

        Say(true, update.ChangedFields.Count == 0 ? L["Member_ProfileNothingChanged"] : L["Member_ProfileSaved"]);
        await OnSaved.InvokeAsync();
    }

    private void NotSaved() => Say(false, L["Member_ProfileNotSaved"]);

    private void Say(bool success, string text)
    {
        saved = success;
        message = text;
    }
}
