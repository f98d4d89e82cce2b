using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Portal.Web;

/// <summary>
/// Serves /_framework/blazor.web.js from the copy embedded at build time (see ClientScript.targets), for feeds that
/// do not serve the package the SDK normally takes it from.
/// </summary>
internal static class ClientScriptEndpoint
{
    private const string ResourceName = "Portal.ClientScript.blazor.web.js";

    public static void MapClientScript(this IEndpointRouteBuilder endpoints)
    {
        using var stream = typeof(ClientScriptEndpoint).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return; // Built with the official package: the framework serves the script itself.
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var script = buffer.ToArray();
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(script))[..16]}\"");

        endpoints.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(script, "text/javascript", entityTag: etag);
        }).AllowAnonymous();
    }
}
