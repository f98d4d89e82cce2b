using System.ComponentModel.DataAnnotations;
using Portal.Web.Resources;

namespace Portal.Web.Account;

/// <summary>What registering and accepting an invitation both ask of a new person.</summary>
public class NewAccountInput
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_FirstName), ResourceType = typeof(Strings))]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Field_LastName), ResourceType = typeof(Strings))]
    public string LastName { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(128, MinimumLength = 10, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_PasswordLength))]
    [Display(Name = nameof(Strings.Field_Password), ResourceType = typeof(Strings))]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_PasswordMismatch))]
    [Display(Name = nameof(Strings.Field_ConfirmPassword), ResourceType = typeof(Strings))]
    public string ConfirmPassword { get; set; } = "";

    [MustBeTrue(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Age))]
    public bool IsAtLeast13 { get; set; }

    [MustBeTrue(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_AcceptTerms))]
    public bool AcceptTerms { get; set; }

    public bool PromotionalEmailOptIn { get; set; }

    public Registration ToRegistration(string email) => new(FirstName.Trim(), LastName.Trim(), email.Trim(), Password, PromotionalEmailOptIn);
}
