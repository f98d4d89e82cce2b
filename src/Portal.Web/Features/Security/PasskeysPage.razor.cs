using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Web.Account;
using Portal.Web.Features.Dashboard;
using Portal.Web.Resources;

namespace Portal.Web.Features.Security;

/// <summary>
/// The person's passkeys. Static SSR: registering one completes the WebAuthn ceremony against state kept in a cookie,
/// which needs the request. Renaming and removing are chosen by link (<c>?rename=</c>, <c>?remove=</c>) so removal
/// always passes through a confirmation step.
/// </summary>
public sealed partial class PasskeysPage
{
    private const string AddForm = "passkey-add";
    private const string RenameForm = "passkey-rename";
    private const string RemoveForm = "passkey-remove";
    private const string PagePath = "account/security/passkeys";

    private IReadOnlyList<PasskeyView> passkeys = [];
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;
    private bool recent;
    private string? error;

    [Inject] private UserPasskeys Passkeys { get; set; } = default!;

    [Inject] private DashboardService Dashboard { get; set; } = default!;

    [Inject] private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = AddForm)] private AddInput Add { get; set; } = default!;

    [SupplyParameterFromForm(FormName = RenameForm)] private RenameInput Rename { get; set; } = default!;

    [SupplyParameterFromForm(FormName = RemoveForm)] private RemoveInput Remove { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "rename")] private string? RenameId { get; set; }

    [SupplyParameterFromQuery(Name = "remove")] private string? RemoveId { get; set; }

    private static string ReauthenticateUrl => $"Account/Reauthenticate?returnUrl=/{PagePath}";

    protected override async Task OnInitializedAsync()
    {
        passkeys = await Passkeys.ListAsync();
        recent = await Passkeys.IsRecentlyAuthenticatedAsync();
        timeZone = await Dashboard.GetTimeZoneAsync();

        // A form that was posted arrives bound; otherwise the links choose which form to show.
        Add ??= new() { Name = DefaultName() };
        Rename ??= Find(RenameId) is { } renaming ? new() { Id = renaming.Id, Name = renaming.Name } : new();
        Remove ??= new() { Id = Find(RemoveId)?.Id };
    }

    private async Task AddAsync() =>
        await ApplyAsync(await Passkeys.AddAsync(Add.CredentialJson ?? "", Add.Name), "Passkeys_DoneAdded");

    private async Task RenameAsync() =>
        await ApplyAsync(await Passkeys.RenameAsync(Rename.Id ?? "", Rename.Name), "Passkeys_DoneRenamed");

    private async Task RemoveAsync() =>
        await ApplyAsync(await Passkeys.RemoveAsync(Remove.Id ?? ""), "Passkeys_DoneRemoved");

    private async Task ApplyAsync(PasskeyChange change, string doneKey)
    {
        if (change == PasskeyChange.Done)
        {
            RedirectManager.RedirectToWithStatus(PagePath, L[doneKey], HttpContext);
            return;
        }

        error = L[$"Passkeys_{change}"];
        if (change == PasskeyChange.NotRecent)
        {
            // The session may have passed the window since the page was shown: say so next to the way forward.
            recent = await Passkeys.IsRecentlyAuthenticatedAsync();
        }
    }

    private PasskeyView? Find(string? id) => id is null ? null : passkeys.FirstOrDefault(p => p.Id == id);

    private string NameOf(string id) => Find(id)?.Name ?? L["Passkeys_ThisPasskey"];

    private static string PageWith(string action, string id) => $"{PagePath}?{action}={Uri.EscapeDataString(id)}";

    private string LocalDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, timeZone).ToString("d");

    /// <summary>What most people would call the device they are on ("Chrome on Linux"); they can change it.</summary>
    private string DefaultName()
    {
        var device = UserAgents.Describe(HttpContext.Request.Headers.UserAgent.ToString());
        var name = device.Browser == UserAgents.Unknown ? L["Passkeys_DefaultName"].Value : device.ToString();
        return name.Length <= UserPasskeys.MaxNameLength ? name : name[..UserPasskeys.MaxNameLength];
    }

    /// <summary>The name both the add and the rename form ask for, validated alike.</summary>
    private abstract class NamedInput
    {
        [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
        [StringLength(UserPasskeys.MaxNameLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
        [Display(Name = nameof(Strings.Passkeys_Name), ResourceType = typeof(Strings))]
        public string Name { get; set; } = "";
    }

    private sealed class AddInput : NamedInput
    {
        public string? CredentialJson { get; set; }
    }

    private sealed class RenameInput : NamedInput
    {
        public string? Id { get; set; }
    }

    private sealed class RemoveInput
    {
        public string? Id { get; set; }
    }
}
