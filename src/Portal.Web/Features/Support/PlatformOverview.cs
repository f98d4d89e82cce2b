using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Authorization;
using Portal.Web.Tenancy;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Web.Features.Support;

public sealed record PlatformCounts(int Organisations, int People, long AuditEvents);

/// <summary>What support staff see first: the size of the platform and whether the audit chain is intact.</summary>
public sealed class PlatformOverview(
    IDbContextFactory<PortalDbContext> dbFactory, AuditCheckpoints checkpoints, CurrentUser currentUser, IAuthorizationService authorization)
{
    public async Task<PlatformCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await authorization.RequireAsync(currentUser.Principal, Policies.Support, "Only operator staff see the size of the platform.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new PlatformCounts(
            await db.Organisations.CountAsync(cancellationToken),
            await db.Users.CountAsync(cancellationToken),
            await db.AuditEvents.LongCountAsync(cancellationToken));
    }

    /// <summary>The same check as <c>audit verify</c>: the whole chain, then its signed anchor.</summary>
    public Task<AuditCheck> VerifyAuditChainAsync(CancellationToken cancellationToken = default) => checkpoints.VerifyAsync(cancellationToken);
}
