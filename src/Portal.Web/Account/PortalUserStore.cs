using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Account;

/// <summary>
/// Identity's store, except that two-factor recovery codes are kept only as hashes (<see cref="RecoveryCodes"/>):
/// a copy of the database does not hand anyone a way past the second factor.
/// </summary>
internal sealed class PortalUserStore(PortalDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole, PortalDbContext>(context, describer)
{
    // Identity's own names for the token row, so counting and removing codes keep working unchanged.
    public const string InternalLoginProvider = "[AspNetUserStore]";
    public const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SaveHashesAsync(user, recoveryCodes.Select(RecoveryCodes.Hash), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var candidate = RecoveryCodes.Hash(code);
        var match = Array.Find(hashes, hash => RecoveryCodes.Matches(hash, candidate));
        if (match is null)
        {
            return false;
        }

        await SaveHashesAsync(user, hashes.Where(hash => !ReferenceEquals(hash, match)), cancellationToken);
        return true;
    }

    private Task SaveHashesAsync(PortalUser user, IEnumerable<string> hashes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(';', hashes), cancellationToken);
}
