namespace Portal.Web.Features.Privacy;

/// <summary>Where a person's copy of their data stands. Stored by name.</summary>
public enum DataExportStatus
{
    Queued = 0,
    Preparing = 1,
    Ready = 2,
    Downloaded = 3,
    Expired = 4,
    Failed = 5,
}

/// <summary>
/// A person's request for a copy of their data ("access, review … your personal information"): prepared in the
/// background, downloadable once by the person for <see cref="ReadyFor"/>, and deleted then. One per <see cref="Every"/>.
/// </summary>
public sealed class DataExport
{
    public static readonly TimeSpan ReadyFor = TimeSpan.FromDays(7);

    public static readonly TimeSpan Every = TimeSpan.FromHours(24);

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DataExportStatus Status { get; set; }

    /// <summary>0 to 100 while it is prepared.</summary>
    public int Progress { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? ReadyAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? DownloadedAt { get; set; }

    public long? SizeBytes { get; set; }

    /// <summary>The SHA-256 of the archive, shown to the person so they can check the file they saved.</summary>
    public string? Sha256 { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public int Attempts { get; set; }
}

/// <summary>The archive itself, apart from its request so listing requests never reads it. Deleted on download or expiry.</summary>
public sealed class DataExportFile
{
    public Guid ExportId { get; set; }

    public byte[] Content { get; set; } = [];
}
