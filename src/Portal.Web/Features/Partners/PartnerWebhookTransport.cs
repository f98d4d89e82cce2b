using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;

namespace Portal.Web.Features.Partners;

/// <summary>
/// Posts a webhook outbox message to its partner's current address, signed with its current secret (so fixing either
/// and retrying from the outbox page works), and records the delivery in the person's history. Anything but a 2xx
/// answer throws, and the dispatcher retries with back-off.
/// </summary>
internal sealed class PartnerWebhookTransport(IServiceScopeFactory scopeFactory, IHttpClientFactory httpClients, TimeProvider time) : IWebhookTransport
{
    public const string Client = "partner-webhooks";

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == message.To, cancellationToken)
            ?? throw new InvalidOperationException($"There is no partner '{message.To}'.");

        var id = message.Id.ToString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, partner.WebhookUrl)
        {
            Content = new StringContent(message.TextBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(partner.WebhookSecret, id, timestamp, message.TextBody));
        using var response = await httpClients.CreateClient(Client).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{partner.Name} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var email = PartnerOptOuts.EmailOf(message.TextBody)?.ToUpperInvariant();
        var subject = email is null ? null : await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(db,
            new AuditRecord(AuditActions.PartnerOptOutDelivered, SubjectId: subject, Target: partner.Name), CancellationToken.None);
    }
}
