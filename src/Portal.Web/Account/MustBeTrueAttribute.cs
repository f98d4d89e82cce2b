using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Account;

/// <summary>A checkbox that must be ticked (age confirmation, acceptance of terms).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MustBeTrueAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is true;
}
