using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Portal.Web.Audit;

/// <summary>
/// Signs anchors with HMAC-SHA256. The key never lives in the database: it is <c>Audit:AnchorKey</c> (from a secret
/// store in production, the same on every instance) or else a random key file created beside the anchor file.
/// Data Protection is not used because its key ring is kept in the database.
/// </summary>
public sealed class AuditAnchorKey
{
    private readonly byte[] _key;

    public AuditAnchorKey(IOptions<AuditAnchorOptions> options, AuditAnchorFile anchorFile)
    {
        _key = string.IsNullOrWhiteSpace(options.Value.AnchorKey) ? LoadOrCreate(anchorFile.KeyPath) : Decode(options.Value.AnchorKey, "Audit:AnchorKey");
    }

    public AuditAnchor Sign(long sequence, string hash, DateTime anchoredAt)
    {
        var unsigned = new AuditAnchor(sequence, hash, anchoredAt, "");
        return unsigned with { Signature = Convert.ToHexStringLower(HMACSHA256.HashData(_key, unsigned.SignedBytes())) };
    }

    public bool HasSigned(AuditAnchor anchor)
    {
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(_key, anchor.SignedBytes())));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(anchor.Signature));
    }

    private static byte[] Decode(string encoded, string source)
    {
        try
        {
            var key = Convert.FromBase64String(encoded);
            return key.Length >= 32 ? key : throw new InvalidOperationException($"{source} must hold at least 32 bytes.");
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{source} must be base64.", exception);
        }
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var draft = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(draft, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created the key first; use that one.
                File.Delete(draft);
            }
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }
}
