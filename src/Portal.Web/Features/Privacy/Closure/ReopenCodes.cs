using Microsoft.AspNetCore.DataProtection;
using Portal.Web.Features.Notifications;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// The code in the link that reopens a closed account. It names one closure of one account, so it is spent once that
/// closure ends (reopened or deleted) and cannot reopen a later one; it rests on no security stamp, which closing
/// changes.
/// </summary>
public sealed class ReopenCodes(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Portal.Privacy.ReopenAccount.v1");

    public string Create(AccountClosure closure) => SignedTokens.Seal(protector, closure.Id.ToString("N"), closure.UserId);

    /// <summary>The closure and account the code names, or null when it was not made here or was altered.</summary>
    public (Guid ClosureId, string UserId)? Open(string? code) =>
        SignedTokens.Open(protector, code, 2) is { } parts && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
}
