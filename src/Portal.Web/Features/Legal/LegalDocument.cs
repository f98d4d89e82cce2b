namespace Portal.Web.Features.Legal;

public enum LegalDocumentKind
{
    Terms,
    Privacy,
}

/// <summary>A published version of the Terms or the Privacy Policy that people accept at sign-up.</summary>
public sealed class LegalDocument
{
    public Guid Id { get; set; }

    public LegalDocumentKind Kind { get; set; }

    public int Version { get; set; }

    public string Title { get; set; } = "";

    public DateTime PublishedAt { get; set; }
}

/// <summary>The record that a person accepted one version of a legal document, and when.</summary>
public sealed class PolicyAcceptance
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public LegalDocumentKind Kind { get; set; }

    public int Version { get; set; }

    public DateTime AcceptedAt { get; set; }
}
