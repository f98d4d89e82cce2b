using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Web.Features.Profiles;

/// <summary>Profile services, the public profile cache policy, /sitemap.xml and /robots.txt.</summary>
internal static class ProfilesEndpoints
{
    public const string PublicProfileCachePolicy = "public-profile";
    private const int SitemapPage = 1000;

    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddScoped<ProfileService>();
        services.AddScoped<PublicProfiles>();
        services.AddScoped<ProfilePhotoService>();
        services.AddSingleton<Email.PublicAddress>();
        services.AddOutputCache(options => options.AddPolicy(PublicProfileCachePolicy, policy => policy
            .Expire(TimeSpan.FromMinutes(1)) // Other instances keep their own cache: a change reaches them within a minute.
            .Tag(ProfileService.PublicProfilesTag)
            .VaryByValue(context => new KeyValuePair<string, string>(
                "page", $"{CultureInfo.CurrentUICulture.Name}:{Components.Theme.ThemePreference.From(context).Key}"))));
        return services;
    }

    public static void MapProfiles(this IEndpointRouteBuilder endpoints)
    {
        MapPhotos(endpoints);
        endpoints.MapGet("/robots.txt", (HttpContext context, Email.PublicAddress address) =>
            Results.Text($"User-agent: *\nAllow: /u/\nDisallow: /\nSitemap: {address.For(context)}/sitemap.xml\n", "text/plain", Encoding.UTF8))
            .AllowAnonymous();

        endpoints.MapGet("/sitemap.xml", async (HttpContext context, PublicProfiles profiles, Email.PublicAddress address) =>
        {
            var baseUrl = address.For(context);
            context.Response.ContentType = "application/xml; charset=utf-8";
            await using var xml = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            string? after = null;
            while (true)
            {
                var page = await profiles.IndexableAsync(after, SitemapPage, context.RequestAborted);
                foreach (var (username, updatedAt) in page)
                {
                    await xml.WriteStartElementAsync(null, "url", null);
                    await xml.WriteElementStringAsync(null, "loc", null, $"{baseUrl}/u/{Uri.EscapeDataString(username)}");
                    await xml.WriteElementStringAsync(null, "lastmod", null, updatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    await xml.WriteEndElementAsync();
                }

                if (page.Count < SitemapPage)
                {
                    break;
                }

                after = ProfileRules.NormalizeUsername(page[^1].Username);
            }

            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
        }).AllowAnonymous();
    }

    private static void MapPhotos(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/u/{username}/photo", async (string username, HttpContext context, ProfilePhotoService photos) =>
            Serve(context, await photos.FindForAsync(username, context.User, context.RequestAborted))).AllowAnonymous();

        endpoints.MapGet("/account/photo", async (HttpContext context, ProfilePhotoService photos) =>
            Serve(context, await photos.FindMineAsync(context.RequestAborted))).RequireAuthorization(Authorization.Policies.SignedIn);
    }

    private static IResult Serve(HttpContext context, ProfilePhoto? photo) =>
        photo is null ? Results.NotFound() : ServeImage(context, photo.Content, photo.ContentType, photo.Version);

    /// <summary>Always the stored, checked content type; never sniffed, never run as a document.</summary>
    internal static IResult ServeImage(HttpContext context, byte[] content, string contentType, string version)
    {
        context.UseContentSecurityPolicy("default-src 'none'; sandbox");
        context.Response.Headers.CacheControl = "private, no-cache";
        return Results.Bytes(content, contentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
    }
}
