namespace Portal.Web.Features.Support;

/// <summary>Thrown when something tries to save a change while support acts for the person in read-only mode.</summary>
public sealed class ReadOnlyImpersonationException()
    : InvalidOperationException("Portal support is acting for this person in read-only mode: nothing can be changed.");
