namespace Portal.Web.Features.Privacy;

/// <summary>
/// A legal obligation to keep a person's information (a court order, an investigation), recorded by Portal's support
/// with its reason and reference. While one is in force a closed account is not deleted but archived when its grace
/// period ends, and the archive is kept until the last hold ends.
/// </summary>
public sealed class LegalHold
{
    public const int ReasonLength = 500;
    public const int ReferenceLength = 100;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Reference { get; set; } = "";

    public string PlacedById { get; set; } = "";

    public DateTime PlacedAt { get; set; }

    /// <summary>The day the obligation ends by itself, when it is known.</summary>
    public DateTime? EndsAt { get; set; }

    public DateTime? LiftedAt { get; set; }

    public string? LiftedById { get; set; }

    public bool InForce(DateTime now) => LiftedAt is null && (EndsAt is null || EndsAt > now);
}

/// <summary>
/// What was left of a held account when its grace period ended: its personal-data archive, encrypted with the app's
/// data-protection keys, readable by PlatformAdmin alone (each read audited), deleted when no hold is in force.
/// </summary>
public sealed class HeldArchive
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTime ArchivedAt { get; set; }

    public long SizeBytes { get; set; }

    public byte[] Content { get; set; } = [];
}
