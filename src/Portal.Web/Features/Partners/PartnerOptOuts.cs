using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;

namespace Portal.Web.Features.Partners;

/// <summary>
/// The policy's promise: a person who registered through a partner and opts out of promotions has their address passed
/// to that partner, so it can stop its own messages too (CAN-SPAM). The webhook joins the opt-out's own transaction in
/// the outbox, which retries it; only the address and the time are sent.
/// </summary>
public sealed class PartnerOptOuts(Outbox outbox, TimeProvider time)
{
    public const string EventType = "promotions.opted_out";

    /// <summary>Adds the webhook to the caller's context; returns the audit event to save with it, or null when no partner is to be told.</summary>
    public async Task<AuditRecord?> AddAsync(PortalDbContext db, PortalUser person)
    {
        if (person.PartnerId is not { } partnerId || person.Email is not { } email)
        {
            return null;
        }

        var partner = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => new { p.Slug, p.Name }).FirstOrDefaultAsync();
        if (partner is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var json = JsonSerializer.Serialize(new
        {
            type = EventType,
            timestamp = now,
            data = new { email, opted_out_at = now },
        });
        outbox.AddWebhook(db, partner.Slug, EventType, json, EmailCategory.Promotional);
        return new AuditRecord(AuditActions.PartnerOptOutQueued, SubjectId: person.Id, Target: partner.Name);
    }

    /// <summary>The address a webhook's body names, for recording its delivery in that person's history.</summary>
    public static string? EmailOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("email", out var email) ? email.GetString() : null;
    }
}
