using System.ComponentModel.DataAnnotations;
using Portal.Web.Resources;

namespace Portal.Web.Features.Partners;

/// <summary>A partner as a PlatformAdmin enters it; validated again by <see cref="PartnerDirectory"/>.</summary>
public sealed class PartnerForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(100, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Partner_Name), ResourceType = typeof(Strings))]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [RegularExpression("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$", ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Partner_SlugInvalid))]
    [Display(Name = nameof(Strings.Partner_Slug), ResourceType = typeof(Strings))]
    public string Slug { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(400, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [PartnerAddress]
    [Display(Name = nameof(Strings.Partner_PrivacyPolicyUrl), ResourceType = typeof(Strings))]
    public string PrivacyPolicyUrl { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(400, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [PartnerAddress]
    [Display(Name = nameof(Strings.Partner_WebhookUrl), ResourceType = typeof(Strings))]
    public string WebhookUrl { get; set; } = "";

    public bool Active { get; set; } = true;
}

/// <summary>An absolute https address; plain http only to this machine (a partner's test receiver), never elsewhere.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PartnerAddressAttribute : ValidationAttribute
{
    public PartnerAddressAttribute()
        : base(() => Strings.Partner_AddressInvalid)
    {
    }

    private static bool IsAllowed(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public override bool IsValid(object? value) => value is null or "" || IsAllowed(value as string);
}
