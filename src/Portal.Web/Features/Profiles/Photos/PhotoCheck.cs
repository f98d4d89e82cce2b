using System.Diagnostics.CodeAnalysis;

namespace Portal.Web.Features.Profiles.Photos;

/// <summary>The outcome of <see cref="PhotoReencoder"/>: either a photo or a problem, never both.</summary>
internal sealed record PhotoCheck
{
    private PhotoCheck(ReencodedPhoto? photo, PhotoProblem? problem)
    {
        Photo = photo;
        Problem = problem;
    }

    public ReencodedPhoto? Photo { get; }

    public PhotoProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Photo))]
    public bool IsAccepted => Photo is not null;

    public static PhotoCheck Accepted(ReencodedPhoto photo) => new(photo, problem: null);

    public static PhotoCheck Rejected(PhotoProblem problem) => new(photo: null, problem);
}
