namespace Portal.Web.Features.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>The personal-data lifecycle: copies of one's data, closing and reopening accounts, and the job that deletes them.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DataExports>();
        services.AddScoped<PersonalDataArchive>();
        services.AddSingleton<DataExportJob>();
        services.AddHostedService(sp => sp.GetRequiredService<DataExportJob>());
        services.AddOptions<ClosureOptions>()
            .Bind(configuration.GetSection(ClosureOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ReopenCodes>();
        services.AddScoped<ClosureSteps>();
        services.AddScoped<AccountClosures>();
        services.AddScoped<MemberClosures>();
        services.AddScoped<LegalHolds>();
        services.AddScoped<HeldArchives>();
        services.AddSingleton<ClosureJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ClosureJob>());
        return services;
    }
}
