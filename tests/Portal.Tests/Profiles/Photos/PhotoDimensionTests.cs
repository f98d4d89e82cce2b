using Portal.Web.Features.Profiles.Photos;

namespace Portal.Tests.Profiles.Photos;

public sealed class PhotoDimensionTests
{
    public static TheoryData<string> Samples => ["jpeg", "png", "webp-lossy", "webp-lossless", "webp-extended"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_image_declaring_10000_by_10000_pixels_is_refused(string sample) =>
        ProfilePhotoInspector.Inspect(Sample(sample, 10_000, 10_000)).ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);

    [Theory]
    [MemberData(nameof(Samples))]
    public void One_side_over_the_limit_is_enough_to_refuse(string sample)
    {
        ProfilePhotoInspector.Inspect(Sample(sample, ProfilePhotoInspector.MaxDimension + 1, 64)).ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);
        ProfilePhotoInspector.Inspect(Sample(sample, 64, ProfilePhotoInspector.MaxDimension + 1)).ShouldBeRejectedAs(PhotoProblem.TooLargeDimensions);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_8_by_8_image_is_too_small(string sample) =>
        ProfilePhotoInspector.Inspect(Sample(sample, 8, 8)).ShouldBeRejectedAs(PhotoProblem.TooSmall);

    [Theory]
    [MemberData(nameof(Samples))]
    public void One_side_under_the_minimum_is_too_small(string sample) =>
        ProfilePhotoInspector.Inspect(Sample(sample, 1000, ProfilePhotoInspector.MinDimension - 1)).ShouldBeRejectedAs(PhotoProblem.TooSmall);

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_smallest_and_largest_allowed_sizes_are_accepted(string sample)
    {
        const int min = ProfilePhotoInspector.MinDimension;
        const int max = ProfilePhotoInspector.MaxDimension;

        ProfilePhotoInspector.Inspect(Sample(sample, min, min)).ShouldBeAccepted().Width.ShouldBe(32);
        ProfilePhotoInspector.Inspect(Sample(sample, max, max)).ShouldBeAccepted().Height.ShouldBe(4096);
    }

    private static byte[] Sample(string sample, int width, int height) => PhotoFormatDetectionTests.Sample(sample, width, height);
}
