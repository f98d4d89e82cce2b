using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class SessionTests : AppTest
{
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Each_sign_in_opens_a_session_with_its_device_address_and_lifetime()
    {
        using var client = new PortalClient(Factory);
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36");

        await client.SignInAsync(Member, rememberMe: true);

        var session = (await Factory.SessionsAsync(Member)).ShouldHaveSingleItem();
        session.Device.ShouldBe("Chrome on Windows");
        session.Persistent.ShouldBeTrue();
        session.CreatedAt.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime);
        session.RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Ending_a_session_refuses_its_cookie_at_once_and_leaves_the_others()
    {
        using var first = new PortalClient(Factory);
        using var second = new PortalClient(Factory);
        await first.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromSeconds(1));
        await second.SignInAsync(Member);
        var sessions = await Factory.SessionsAsync(Member);

        using (var scope = await Factory.ScopeForSessionAsync(Member, sessions[0].Id))
        {
            (await scope.ServiceProvider.GetRequiredService<UserSessions>().EndAsync(sessions[0].UserId, sessions[1].Id, SessionEndReasons.EndedByUser)).ShouldBeTrue();
        }

        (await second.IsSignedInAsync()).ShouldBeFalse();
        (await first.IsSignedInAsync()).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        db.AuditEvents.Where(e => e.SubjectId == sessions[0].UserId).Select(e => e.Action).ToList().ShouldContain(AuditActions.SessionEnded);
    }

    [Fact]
    public async Task A_session_cannot_be_ended_by_someone_else()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var session = (await Factory.SessionsAsync(Member)).Single();
        var other = await Factory.UserIdAsync("owner@globex.test");

        using (var scope = Factory.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UserSessions>().EndAsync(other, session.Id, SessionEndReasons.EndedByUser)).ShouldBeFalse();
        }

        (await client.IsSignedInAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_remember_me_thirty_idle_minutes_end_the_session()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        Factory.Time.Advance(TimeSpan.FromMinutes(29));
        (await client.IsSignedInAsync()).ShouldBeTrue();
        Factory.Time.Advance(TimeSpan.FromMinutes(29));
        (await client.IsSignedInAsync()).ShouldBeTrue();
        Factory.Time.Advance(TimeSpan.FromMinutes(31));

        (await client.IsSignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_remember_me_a_session_ends_after_eight_hours_however_active()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(7.75); elapsed += TimeSpan.FromMinutes(25))
        {
            Factory.Time.Advance(TimeSpan.FromMinutes(25));
            (await client.IsSignedInAsync()).ShouldBeTrue();
        }

        Factory.Time.Advance(TimeSpan.FromMinutes(25));

        (await client.IsSignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task With_remember_me_idle_days_do_not_end_the_session_but_fourteen_days_do()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member, rememberMe: true);

        Factory.Time.Advance(TimeSpan.FromDays(3));
        (await client.IsSignedInAsync()).ShouldBeTrue();
        Factory.Time.Advance(TimeSpan.FromDays(11) + TimeSpan.FromMinutes(1));

        (await client.IsSignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Signing_out_makes_a_copy_of_the_cookie_worthless()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        using var copy = new PortalClient(Factory);
        copy.Cookies.Add(client.Cookies.GetAllCookies());
        (await copy.IsSignedInAsync()).ShouldBeTrue();

        var dashboard = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(dashboard, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        await client.Http.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        (await copy.IsSignedInAsync()).ShouldBeFalse();
        (await Factory.SessionsAsync(Member)).Single().RevokedReason.ShouldBe(SessionEndReasons.SignedOut);
    }

    [Fact]
    public async Task An_open_circuit_is_signed_out_within_a_minute_of_its_session_ending()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var session = (await Factory.SessionsAsync(Member)).Single();
        using var circuit = Factory.Services.CreateScope();
        var provider = (SessionAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var signedOut = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(await Factory.PrincipalAsync(Member, session.Id))));
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult(await state);

        Factory.Time.Advance(TimeSpan.FromSeconds(60));
        (await provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated.ShouldBeTrue();
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserSessions>().EndAllAsync(session.UserId, SessionEndReasons.EndedByAdministrator);
        }

        Factory.Time.Advance(TimeSpan.FromSeconds(60));

        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(30));
        state.User.Identity!.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public async Task Interaction_with_an_open_circuit_keeps_its_session_from_going_idle()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var session = (await Factory.SessionsAsync(Member)).Single();
        using var circuit = Factory.Services.CreateScope();
        var provider = (SessionAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var principal = await Factory.PrincipalAsync(Member, session.Id);

        Factory.Time.Advance(TimeSpan.FromMinutes(25));
        provider.LastActivityAt = Factory.Time.GetUtcNow().UtcDateTime;
        (await provider.CheckAsync(principal, CancellationToken.None)).ShouldBeTrue();
        Factory.Time.Advance(TimeSpan.FromMinutes(25));
        (await provider.CheckAsync(principal, CancellationToken.None)).ShouldBeTrue();
        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        (await provider.CheckAsync(principal, CancellationToken.None)).ShouldBeFalse();
    }
}
