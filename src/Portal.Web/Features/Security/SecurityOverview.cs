using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Security;

public sealed record SecuritySummary(bool TwoFactorEnabled, int Passkeys, bool TwoFactorRequired);

/// <summary>What the Security page shows about how the person signs in.</summary>
public sealed class SecurityOverview(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<SecuritySummary> GetAsync(string userId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var twoFactor = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync();
        var passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == userId);
        var required = await Tenancy.TenantClaims.RequiresTwoFactorAsync(db, userId);
        return new SecuritySummary(twoFactor, passkeys, required);
    }
}
