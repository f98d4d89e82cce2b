using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Partners;

/// <summary>
/// Posts a webhook outbox message to its partner's current address, signed with its current secret (so fixing either
/// and retrying from the outbox page works), and records the delivery in the person's history. Anything but a 2xx
/// answer throws, and the dispatcher retries with back-off.
/// </summary>
internal sealed class PartnerWebhookTransport(IServiceScopeFactory scopeFactory, IHttpClientFactory httpClients, TimeProvider time) : IWebhookTransport
{
    public const string Client = "partner-webhooks";

    /// <summary>
    /// No redirects and no proxy; the connection goes only to the address <see cref="WebhookAddresses"/> checked, resolved
    /// here rather than by the socket, so the name cannot answer differently between the check and the connection.
    /// </summary>
    public static HttpMessageHandler Handler(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<WebhookAddresses>();
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var address = await addresses.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var work = WorkScopes.BeginAsSystem(scopeFactory);
        var db = work.Db;
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
        await work.Audit.AppendAsync(db,
            new AuditRecord(AuditActions.PartnerOptOutDelivered, SubjectId: subject, Target: partner.Name), CancellationToken.None);
    }
}
