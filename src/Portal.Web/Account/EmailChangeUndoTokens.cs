using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Account;

/// <summary>
/// The code in the link that puts a replaced sign-in address back. It rests on no security stamp or password: whoever
/// took the account can change those, and the link must keep working for the real owner for all of <see cref="Lifetime"/>.
/// It names one account and the address to restore, so it cannot be turned to any other.
/// </summary>
public sealed class EmailChangeUndoTokens(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector protector = protection.CreateProtector("Portal.Account.UndoEmailChange.v1");

    public string Create(string userId, string oldEmail) =>
        SignedTokens.Seal(protector, userId, oldEmail, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the code was made for this account and address, unaltered, and is not too old.</summary>
    public bool Matches(string? code, string userId, string oldEmail) =>
        SignedTokens.Open(protector, code, 3) is { } parts
        && string.Equals(parts[0], userId, StringComparison.Ordinal)
        && string.Equals(parts[1], oldEmail, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
        && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) is var age && age >= TimeSpan.Zero && age < Lifetime;
}
