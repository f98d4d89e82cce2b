using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Portal.Web.Features.Partners;

/// <summary>
/// Where partner webhooks may go: public internet addresses only. Otherwise a partner address could make the portal
/// post to itself, its database or cloud metadata service, or anything else on its own network. Checked when an address
/// is saved and again, on the address actually connected to, at every send, so a name that later resolves elsewhere
/// (DNS rebinding) gains nothing.
/// </summary>
public sealed class WebhookAddresses(IOptions<PartnerOptions> options, IHostEnvironment environment)
{
    public bool AllowsPrivate => environment.IsDevelopment() && options.Value.AllowPrivateWebhookAddresses;

    /// <summary>Whether the address may be saved: false when its host is, or resolves to, an address that is not public.</summary>
    public async Task<bool> MaySaveAsync(string url, CancellationToken cancellationToken = default)
    {
        if (AllowsPrivate || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return true;
        }

        try
        {
            return (await LookUpAsync(uri.IdnHost, cancellationToken)).All(IsPublic);
        }
        catch (SocketException)
        {
            // A name that does not resolve yet is checked when it is sent to.
            return true;
        }
    }

    /// <summary>The address to connect to for the host; throws when any address it resolves to is not public.</summary>
    public async ValueTask<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await LookUpAsync(host, cancellationToken);
        if (addresses.Length == 0 || (!AllowsPrivate && !addresses.All(IsPublic)))
        {
            throw new HttpRequestException($"The webhook host {host} resolves to an address that is not a public address; nothing was sent.");
        }

        return addresses[0];
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(bytes);
        }

        // NAT64 (64:ff9b::/96) carries an IPv4 address, which decides.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(bytes.AsSpan(12));
        }

        return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || (bytes[0] & 0xfe) == 0xfc // unique local fc00::/7, with the EC2 metadata fd00:ec2::254
            || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) // link-local fe80::/10
            || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0) // site-local fec0::/10
            || bytes[0] == 0xff // multicast
            || bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0); // IPv4-compatible ::a.b.c.d
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) =>
        !(b[0] == 0 // "this network", 0.0.0.0 included
          || b[0] == 10
          || b[0] == 127
          || (b[0] == 100 && (b[1] & 0xc0) == 64) // shared address space (CGNAT) 100.64/10
          || (b[0] == 169 && b[1] == 254) // link-local, the cloud metadata 169.254.169.254 included
          || (b[0] == 172 && (b[1] & 0xf0) == 16)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 192 && b[1] == 0 && b[2] == 0)
          || (b[0] == 198 && (b[1] & 0xfe) == 18) // benchmarking 198.18/15
          || b[0] >= 224); // multicast, reserved, broadcast

    private static async Task<IPAddress[]> LookUpAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}
