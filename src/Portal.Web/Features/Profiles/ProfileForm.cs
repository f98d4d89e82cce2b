using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Portal.Web.Data;
using Portal.Web.Resources;

namespace Portal.Web.Features.Profiles;

/// <summary>The editable profile, validated the same way in the editor and again in <see cref="ProfileService"/>.</summary>
public sealed class ProfileForm : IValidatableObject
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_FirstName), ResourceType = typeof(Strings))]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_LastName), ResourceType = typeof(Strings))]
    public string LastName { get; set; } = "";

    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_DisplayName), ResourceType = typeof(Strings))]
    public string? DisplayName { get; set; }

    [StringLength(ProfileRules.UsernameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_Username), ResourceType = typeof(Strings))]
    public string? Username { get; set; }

    [StringLength(32, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_Phone), ResourceType = typeof(Strings))]
    public string? Phone { get; set; }

    [StringLength(ProfileRules.LineMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_AddressLine1), ResourceType = typeof(Strings))]
    public string? AddressLine1 { get; set; }

    [StringLength(ProfileRules.LineMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_AddressLine2), ResourceType = typeof(Strings))]
    public string? AddressLine2 { get; set; }

    [StringLength(20, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_PostalCode), ResourceType = typeof(Strings))]
    public string? PostalCode { get; set; }

    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_City), ResourceType = typeof(Strings))]
    public string? City { get; set; }

    [Display(Name = nameof(Strings.Profile_Country), ResourceType = typeof(Strings))]
    public string? Country { get; set; }

    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_JobTitle), ResourceType = typeof(Strings))]
    public string? JobTitle { get; set; }

    [StringLength(ProfileRules.NameMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_Company), ResourceType = typeof(Strings))]
    public string? Company { get; set; }

    [StringLength(ProfileRules.BioMaxLength, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Profile_Bio), ResourceType = typeof(Strings))]
    public string? Bio { get; set; }

    [Display(Name = nameof(Strings.Profile_Language), ResourceType = typeof(Strings))]
    public string? Language { get; set; }

    [Display(Name = nameof(Strings.Profile_TimeZone), ResourceType = typeof(Strings))]
    public string? TimeZone { get; set; }

    public ContactChannel PreferredContact { get; set; }

    public ProfileVisibility Visibility { get; set; }

    public bool AllowSearchIndexing { get; set; }

    public bool ShowJobTitle { get; set; } = true;

    public bool ShowCompany { get; set; } = true;

    public bool ShowBio { get; set; } = true;

    public static ProfileForm From(PortalUser user, Profile? profile) => new()
    {
        FirstName = user.FirstName,
        LastName = user.LastName,
        DisplayName = profile?.DisplayName,
        Username = profile?.Username,
        Phone = profile?.Phone,
        AddressLine1 = profile?.AddressLine1,
        AddressLine2 = profile?.AddressLine2,
        PostalCode = profile?.PostalCode,
        City = profile?.City,
        Country = profile?.Country,
        JobTitle = profile?.JobTitle,
        Company = profile?.Company,
        Bio = profile?.Bio,
        Language = profile?.Language,
        TimeZone = profile?.TimeZone,
        PreferredContact = profile?.PreferredContact ?? ContactChannel.Email,
        Visibility = profile?.Visibility ?? ProfileVisibility.Private,
        AllowSearchIndexing = profile?.AllowSearchIndexing ?? false,
        ShowJobTitle = profile?.ShowJobTitle ?? true,
        ShowCompany = profile?.ShowCompany ?? true,
        ShowBio = profile?.ShowBio ?? true,
    };

    /// <summary>A copy to edit, so that the values it was loaded with stay as they were.</summary>
    public ProfileForm Copy() => (ProfileForm)MemberwiseClone();

    /// <summary>Trims text and turns blanks into nulls, so "  " and "" are stored as nothing.</summary>
    public ProfileForm Normalized()
    {
        var copy = (ProfileForm)MemberwiseClone();
        foreach (var property in typeof(ProfileForm).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            var value = ((string?)property.GetValue(copy))?.Trim();
            property.SetValue(copy, string.IsNullOrEmpty(value) && property.Name is not (nameof(FirstName) or nameof(LastName)) ? null : value ?? "");
        }

        copy.Phone = copy.Phone is null ? null : ProfileRules.ToE164(copy.Phone) ?? copy.Phone;
        copy.AllowSearchIndexing = copy.AllowSearchIndexing && copy.Visibility == ProfileVisibility.Public;
        return copy;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var l = validationContext.GetService(typeof(IStringLocalizer<Strings>)) as IStringLocalizer<Strings>;
        string Say(string key) => l?[key] ?? key;

        foreach (var property in typeof(ProfileForm).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            if (property.GetValue(this) is string text && !ProfileRules.HasOnlyVisibleText(text, multiline: property.Name == nameof(Bio)))
            {
                yield return new ValidationResult(Say("Profile_InvisibleCharacters"), [property.Name]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Username))
        {
            var username = Username.Trim();
            if (!ProfileRules.IsUsernameWellFormed(username))
            {
                yield return new ValidationResult(Say("Profile_UsernameFormat"), [nameof(Username)]);
            }
            else if (ProfileRules.IsUsernameReserved(username))
            {
                yield return new ValidationResult(Say("Profile_UsernameReserved"), [nameof(Username)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Phone) && ProfileRules.ToE164(Phone) is null)
        {
            yield return new ValidationResult(Say("Profile_PhoneFormat"), [nameof(Phone)]);
        }

        if (PreferredContact == ContactChannel.Phone && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult(Say("Profile_PhoneNeeded"), [nameof(Phone)]);
        }

        if (!string.IsNullOrEmpty(Country) && !ProfileRules.IsCountry(Country))
        {
            yield return new ValidationResult(Say("Profile_CountryUnknown"), [nameof(Country)]);
        }

        if (!string.IsNullOrEmpty(TimeZone) && !ProfileRules.IsTimeZone(TimeZone))
        {
            yield return new ValidationResult(Say("Profile_TimeZoneUnknown"), [nameof(TimeZone)]);
        }

        if (!string.IsNullOrEmpty(Language) && !Localization.SupportedCultures.Any(c => c.Name == Language))
        {
            yield return new ValidationResult(Say("Profile_LanguageUnknown"), [nameof(Language)]);
        }

        if (!Enum.IsDefined(Visibility) || !Enum.IsDefined(PreferredContact))
        {
            yield return new ValidationResult(Say("Profile_ChoiceUnknown"), [nameof(Visibility)]);
        }
    }
}
