using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Tests.Infrastructure;

/// <summary>The real app over a fresh SQLite file and a mail pickup folder of its own, with a hand-moved <see cref="FakeTimeProvider"/>.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    public PortalFactory()
    {
        Directory.CreateDirectory(_directory);
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    public string MailDirectory => Path.Combine(_directory, "mail");

    public bool SeedDemoData { get; init; } = true;

    /// <summary>Acme's sixty extra demo members; off, so tests meet the three people the README names.</summary>
    public bool SeedDemoCrowd { get; init; }

    public string Environment { get; init; } = "Development";

    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces app services after the app registered its own (for example a test email transport).</summary>
    public PortalFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:SeedDemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Database:SeedDemoCrowd", SeedDemoCrowd ? "true" : "false");
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        builder.UseSetting("Email:RunDispatcher", "false");
        builder.UseSetting("Notifications:RunDigests", "false");
        builder.UseSetting("Privacy:RunExports", "false");
        builder.UseSetting("Privacy:RunClosures", "false");
        builder.UseSetting("Audit:RunCheckpoints", "false");
        builder.UseSetting("Portal:BaseUrl", "https://localhost/");
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "1000");
        // Partner test receivers listen on loopback; the refusal tests turn this off.
        builder.UseSetting("Partners:AllowPrivateWebhookAddresses", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
    }

    /// <summary>A context outside any request, acting for the given organisation (or none).</summary>
    public PortalDbContext CreateDbContext(Guid? tenant = null)
    {
        var scope = Services.CreateScope();
        if (tenant is { } id)
        {
            _ = scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(id);
        }

        return scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left for the OS temp cleaner.
        }
    }
}
