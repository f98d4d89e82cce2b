using System.Net;
using DnsClient;

namespace Portal.Web.Features.Organisations;

public enum DomainCheck
{
    Found,
    Missing,
    LookupFailed,
}

/// <summary>
/// Looks for an organisation's verification record in DNS. <c>Domains:DnsServer</c> (host:port) names the resolver;
/// unset, the machine's own resolvers are used.
/// </summary>
public sealed class DomainOwnership(IConfiguration configuration, ILogger<DomainOwnership> logger)
{
    private readonly LookupClient client = Create(configuration["Domains:DnsServer"]);

    public async Task<DomainCheck> CheckAsync(string recordName, string expectedValue, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.QueryAsync(recordName, QueryType.TXT, QueryClass.IN, cancellationToken);
            return response.Answers.TxtRecords().Any(r => string.Join("", r.Text).Trim() == expectedValue) ? DomainCheck.Found : DomainCheck.Missing;
        }
        catch (DnsResponseException exception)
        {
            logger.LogWarning(exception, "DNS lookup of {Record} failed", recordName);
            return DomainCheck.LookupFailed;
        }
    }

    private static LookupClient Create(string? server)
    {
        var options = server is { Length: > 0 } && IPEndPoint.TryParse(server, out var endpoint)
            ? new LookupClientOptions(new NameServer(endpoint))
            : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        return new LookupClient(options);
    }
}
