using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

internal static class EmailServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[$"{EmailOptions.Section}:Smtp:EnableSsl"] is not null)
        {
            // Ignoring the old setting would send in the clear where it asked for encryption.
            throw new InvalidOperationException(
                "Email:Smtp:EnableSsl is no longer read: set Email:Smtp:Security to StartTls, SslOnConnect, StartTlsWhenAvailable, Auto or None instead.");
        }

        var services = builder.Services;
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.AddScoped<EmailRenderer>();
        services.AddScoped<AccountNotices>();
        services.AddSingleton<Outbox>();
        services.AddScoped<PortalLinks>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransportKind.Smtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<PickupDirectoryTransport>());
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
