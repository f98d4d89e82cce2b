namespace Portal.Web.Features.Privacy;

/// <summary>
/// One entry of a personal data archive: its name, the version of its JSON shape (0 for a file that is not JSON, such
/// as the photo), how many records it holds and the SHA-256 of its bytes in lower-case hex.
/// </summary>
public sealed record ArchiveFile(string File, int SchemaVersion, int Records, string Sha256);

/// <summary>What a personal data archive holds, written last into it as <c>manifest.json</c>.</summary>
public sealed record ArchiveManifest(string Format, int Version, string UserId, DateTime CreatedAt, IReadOnlyList<ArchiveFile> Files)
{
    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "portal-personal-data";

    /// <summary>The name of the manifest's own entry, which it does not list.</summary>
    public const string FileName = "manifest.json";
}
