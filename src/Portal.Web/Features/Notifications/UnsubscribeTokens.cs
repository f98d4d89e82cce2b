using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Portal.Web.Email;

namespace Portal.Web.Features.Notifications;

/// <summary>Whom an unsubscribe link is for and from which category.</summary>
public sealed record UnsubscribeGrant(string UserId, EmailCategory Category);

/// <summary>
/// The signed, encrypted token in every optional email's unsubscribe links: it names one person and one category, so it
/// cannot be altered or reused for anyone or anything else, and it lasts <see cref="Lifetime"/> (old emails keep working
/// for a while, not for ever). Data protection keys are shared by every instance through the database.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private readonly IDataProtector protector = protection.CreateProtector("Portal.Notifications.Unsubscribe.v1");

    public string Create(string userId, EmailCategory category) =>
        SignedTokens.Seal(protector, userId, category.ToString(), time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>The grant, or null for a token that was altered, made for another purpose, or is too old.</summary>
    public UnsubscribeGrant? Read(string? token) =>
        SignedTokens.Open(protector, token, 3) is { } parts
        && Enum.TryParse<EmailCategory>(parts[1], out var category) && !category.IsTransactional()
        && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
        && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) is var age && age >= TimeSpan.Zero && age < Lifetime
            ? new UnsubscribeGrant(parts[0], category)
            : null;
}
