using System.ComponentModel.DataAnnotations;
using Portal.Web.Resources;

namespace Portal.Web.Features.Support;

/// <summary>Why an agent acts as a person; validated again by <see cref="Impersonations"/>.</summary>
public sealed class ImpersonationForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(500, MinimumLength = 10, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Impersonation_ReasonLength))]
    [Display(Name = nameof(Strings.Impersonation_Reason), ResourceType = typeof(Strings))]
    public string Reason { get; set; } = "";

    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Impersonation_Ticket), ResourceType = typeof(Strings))]
    public string? Ticket { get; set; }

    public bool ReadOnly { get; set; }
}
