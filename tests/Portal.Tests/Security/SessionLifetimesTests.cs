using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class SessionLifetimesTests
{
    private static readonly DateTime SignedIn = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_session_past_its_fixed_end_is_over_however_recently_it_was_used(bool persistent)
    {
        var session = new UserSession { CreatedAt = SignedIn, LastSeenAt = SignedIn.AddMinutes(29), Persistent = persistent, ExpiresAt = SignedIn.AddMinutes(30) };

        SessionLifetimes.IsExpired(session, SignedIn.AddMinutes(30)).ShouldBeTrue();
        SessionLifetimes.IsActive(session, SignedIn.AddMinutes(30)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_session_before_its_fixed_end_follows_its_usual_lifetime(bool persistent)
    {
        var session = new UserSession { CreatedAt = SignedIn, LastSeenAt = SignedIn, Persistent = persistent, ExpiresAt = SignedIn.AddHours(1) };

        SessionLifetimes.IsActive(session, SignedIn.AddMinutes(20)).ShouldBeTrue();
        SessionLifetimes.IsExpired(session, SignedIn.AddMinutes(40)).ShouldBe(!persistent);
    }

    [Fact]
    public void A_session_without_a_fixed_end_ends_when_idle_or_at_its_absolute_lifetime()
    {
        var idle = new UserSession { CreatedAt = SignedIn, LastSeenAt = SignedIn };
        var busy = new UserSession { CreatedAt = SignedIn, LastSeenAt = SignedIn.AddHours(8).AddMinutes(-1) };
        var remembered = new UserSession { CreatedAt = SignedIn, LastSeenAt = SignedIn, Persistent = true };

        SessionLifetimes.IsExpired(idle, SignedIn.AddMinutes(30)).ShouldBeTrue();
        SessionLifetimes.IsExpired(busy, SignedIn.AddHours(8)).ShouldBeTrue();
        SessionLifetimes.IsExpired(remembered, SignedIn.AddDays(13)).ShouldBeFalse();
        SessionLifetimes.IsExpired(remembered, SignedIn.AddDays(14)).ShouldBeTrue();
    }
}
