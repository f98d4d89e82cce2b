using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Web.Data;

namespace Portal.Web.Audit;

/// <summary>The latest anchor, kept in a file outside the database and replaced atomically.</summary>
public sealed class AuditAnchorFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public AuditAnchorFile(IOptions<AuditAnchorOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var root = environment.ContentRootPath;
        Path = options.Value.AnchorFile is { Length: > 0 } configured ? System.IO.Path.Combine(root, configured)
            : DatabaseFiles.SqliteFile(configuration, root) is { } database ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(database)!, "audit-anchor.json")
            : System.IO.Path.Combine(root, "App_Data", "audit-anchor.json");
    }

    public string Path { get; }

    /// <summary>The fallback signing key's file, when no key is configured.</summary>
    public string KeyPath => System.IO.Path.ChangeExtension(Path, ".key");

    /// <summary>The anchor, or null when there is no file; <see cref="InvalidDataException"/> when it cannot be read as one.</summary>
    public async Task<AuditAnchor?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            return await JsonSerializer.DeserializeAsync<AuditAnchor>(stream, Json, cancellationToken)
                is { Hash: not null, Signature: not null } anchor ? anchor : throw new InvalidDataException();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("The audit anchor file is not an anchor.", exception);
        }
    }

    public async Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var draft = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = File.Create(draft))
        {
            await JsonSerializer.SerializeAsync(stream, anchor, Json, cancellationToken);
        }

        File.Move(draft, Path, overwrite: true);
    }
}
