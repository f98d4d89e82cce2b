using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.EndToEnd;

/// <summary>The real app on Kestrel, on a free loopback port, over a fresh seeded SQLite file.</summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-e2e", Guid.NewGuid().ToString("N"));

    /// <summary>The resolver the app asks for domain verification records; journeys publish records here.</summary>
    public Portal.Tests.Infrastructure.LoopbackDnsServer Dns { get; } = new();

    public PortalServer()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Browsers treat localhost as a secure context, so the Secure, __Host- prefixed cookies work over plain HTTP.
        BaseUrl = new Uri(address).GetLeftPart(UriPartial.Authority).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
    }

    public string BaseUrl { get; }

    /// <summary>What the app asked the database, for journeys that count how often a page reads.</summary>
    public QueryLog Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(_directory, "portal.db")}");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Database:SeedDemoCrowd", "false");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_directory, "mail"));
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "1000");
        // Partner test receivers listen on loopback.
        builder.UseSetting("Partners:AllowPrivateWebhookAddresses", "true");
        // Open pages notice an ended session within a second or two instead of a minute.
        builder.UseSetting("Security:CircuitCheckInterval", "00:00:01");
        builder.UseSetting("Domains:DnsServer", Dns.Endpoint);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<Portal.Web.Data.PortalDbContext>(db => db.AddInterceptors(Queries)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner if a file is still held.
        }
    }
}
