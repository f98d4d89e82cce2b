using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Email;

/// <summary>Text bound for a mail header (a subject): one line, as <see cref="Outbox"/> will demand when the mail is queued.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string text || MailHeaderRules.IsSingleLine(text);
}
