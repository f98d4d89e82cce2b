namespace Portal.Web.Features.Privacy;

public sealed record ArchiveFile(string File, int SchemaVersion, int Records, string Sha256);

public sealed record ArchiveManifest(string Format, int Version, string UserId, DateTime CreatedAt, IReadOnlyList<ArchiveFile> Files);

public sealed class PersonalDataArchive(TimeProvider time)
{
    public static IReadOnlyDictionary<Type, string> Coverage { get; } = new Dictionary<Type, string>();

    public async Task<ArchiveManifest> WriteAsync(Data.PortalDbContext db, string userId, Stream output, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("manifest.json");
            await using var stream = entry.Open();
            await stream.WriteAsync("{}"u8.ToArray(), cancellationToken);
        }

        progress?.Report(100);
        _ = db;
        return new ArchiveManifest("portal-personal-data", 1, userId, time.GetUtcNow().UtcDateTime, []);
    }
}
