using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Benchmarks;

/// <summary>The real app on real Kestrel, bound to a free loopback port, in Production over a SQLite file of its own.</summary>
internal sealed class PortalHost : WebApplicationFactory<global::Program>
{
    private readonly string _directory;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public PortalHost(string directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        _directory = directory;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Times the start of every transaction the app begins.</summary>
    public TransactionStartTimer TransactionStarts { get; } = new();

    /// <summary>Counts and times the app's queries, connection openings and the time its contexts hold a connection.</summary>
    public DatabaseTimer Database { get; } = new();

    /// <summary>Times every request inside the app.</summary>
    public RequestTimer Requests { get; } = new();

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    /// <summary>Starts Kestrel and returns the address it listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseContentRoot(AppContentRoot());
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_directory, "mail"));
        // Production refuses to start unless email links have a trusted host; the harness answers on loopback only.
        builder.UseSetting("AllowedHosts", "localhost;127.0.0.1;[::1]");
        // One client address makes every request; the per-address limit would otherwise stop the run after ten posts.
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "1000000000");
        // Keeps the printed table readable: start-up notices and the key ring's "no XML encryptor" warning say nothing about speed.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<PortalDbContext>(db => db.AddInterceptors(TransactionStarts, Database));
            services.AddSingleton<IStartupFilter>(Requests);
        });
    }

    /// <summary>
    /// The factory looks for its manifest in the current directory, which is wherever <c>dotnet run</c> was started;
    /// read it from beside the executable instead.
    /// </summary>
    private static string AppContentRoot()
    {
        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json"));
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(manifest) ?? [];
        var name = typeof(global::Program).Assembly.GetName().FullName;
        return roots.TryGetValue(name, out var root) ? root : throw new InvalidOperationException($"No content root for {name} in MvcTestingAppManifest.json.");
    }
}
