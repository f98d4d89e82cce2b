using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Web.Features.Legal;

/// <summary>Reads the current version of each legal document.</summary>
public sealed class LegalDocuments(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<LegalDocument?> CurrentAsync(LegalDocumentKind kind)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.LegalDocuments.AsNoTracking().Where(d => d.Kind == kind).OrderByDescending(d => d.Version).FirstOrDefaultAsync();
    }
}
