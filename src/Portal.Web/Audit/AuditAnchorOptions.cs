namespace Portal.Web.Audit;

/// <summary>Where the chain's signed checkpoints go and how often they are taken (the <c>Audit</c> section).</summary>
public sealed class AuditAnchorOptions
{
    public const string Section = "Audit";

    /// <summary>The HMAC-SHA256 key, base64, at least 32 bytes. Without it a key file next to the anchor is used.</summary>
    public string? AnchorKey { get; set; }

    /// <summary>The anchor file; relative paths are under the content root. Default: next to the SQLite file, or App_Data.</summary>
    public string? AnchorFile { get; set; }

    /// <summary>Anchor again once this many events have been appended since the last checkpoint.</summary>
    public int CheckpointEvery { get; set; } = 100;

    /// <summary>Anchor again after this long whenever events were appended since the last checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool RunCheckpoints { get; set; } = true;
}
