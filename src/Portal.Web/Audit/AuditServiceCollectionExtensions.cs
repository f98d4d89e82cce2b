namespace Portal.Web.Audit;

internal static class AuditServiceCollectionExtensions
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuditAnchorOptions>(builder.Configuration.GetSection(AuditAnchorOptions.Section));
        services.AddScoped<AuditOrigin>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<OrganisationAuditLog>();
        services.AddSingleton<AuditAnchorFile>();
        services.AddSingleton<AuditAnchorKey>();
        services.AddSingleton<AuditCheckpointSignal>();
        services.AddScoped<AuditCheckpoints>();
        services.AddHostedService<AuditCheckpointJob>();
        return builder;
    }

    /// <summary>Records where each request comes from, for the audit events it causes.</summary>
    public static IApplicationBuilder UseAuditOrigin(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var origin = context.RequestServices.GetRequiredService<AuditOrigin>();
            origin.IpAddress = context.Connection.RemoteIpAddress?.ToString();
            origin.UserAgent = context.Request.Headers.UserAgent.ToString();
            origin.CorrelationId = context.TraceIdentifier;
            return next(context);
        });
}
