using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Security;

namespace Portal.Tests.Components;

public sealed class SessionListTests : ComponentTest
{
    private static readonly DateTime At = new(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Only_other_sessions_can_be_signed_out_and_the_click_names_the_session()
    {
        SessionView[] sessions =
        [
            new(Guid.NewGuid(), "Chrome on Linux", "203.0.113.1", At, At, Persistent: false, IsCurrent: true),
            new(Guid.NewGuid(), "Safari on iPhone", "203.0.113.2", At, At, Persistent: true, IsCurrent: false),
        ];
        SessionView? ended = null;

        var list = Context.Render<SessionList>(p => p.Add(c => c.Sessions, sessions).Add(c => c.OnEnd, (SessionView s) => ended = s));

        list.Find("[data-current=true]").TextContent.ShouldContain("This device");
        list.Find("[data-current=true]").QuerySelector("[data-testid=end-session]").ShouldBeNull();
        list.Find("[data-current=false]").TextContent.ShouldContain("kept signed in for 14 days");
        list.Find("[data-testid=end-session]").Click();
        ended.ShouldBe(sessions[1]);
        list.FindAll("[data-testid=end-other-sessions]").Count.ShouldBe(1);
    }

    [Fact]
    public void Alone_there_is_nothing_else_to_sign_out()
    {
        SessionView[] sessions = [new(Guid.NewGuid(), "Chrome on Linux", null, At, At, Persistent: false, IsCurrent: true)];

        var list = Context.Render<SessionList>(p => p.Add(c => c.Sessions, sessions));

        list.FindAll("[data-testid=end-other-sessions]").ShouldBeEmpty();
        list.FindAll("[data-testid=end-session]").ShouldBeEmpty();
    }

    [Fact]
    public void Failed_attempts_and_new_devices_stand_out_in_the_history()
    {
        SignInAttemptView[] attempts =
        [
            new(Guid.NewGuid(), At, SignInOutcome.TwoFactorFailed, "password + authenticator", "Firefox on Windows", "198.51.100.4", NewDevice: true),
            new(Guid.NewGuid(), At.AddHours(-1), SignInOutcome.Succeeded, "passkey", "Chrome on Linux", null, NewDevice: false),
        ];

        var list = Context.Render<SignInAttemptList>(p => p.Add(c => c.Attempts, attempts).Add(c => c.ShowWasntMe, true));

        list.FindAll("[data-testid=sign-in-attempt]").Select(a => a.GetAttribute("data-outcome")).ShouldBe(["TwoFactorFailed", "Succeeded"]);
        ChipsIn(list, Color.Error).ShouldBe(["Wrong second-factor code"]);
        ChipsIn(list, Color.Warning).ShouldBe(["New device"]);
        ChipsIn(list, Color.Success).ShouldBe(["Signed in"]);
        list.FindAll("a[data-testid=wasnt-me]").Count.ShouldBe(2);
    }

    [Fact]
    public void The_current_session_is_marked_in_words_and_colour()
    {
        SessionView[] sessions = [new(Guid.NewGuid(), "Chrome on Linux", null, At, At, Persistent: false, IsCurrent: true)];

        var list = Context.Render<SessionList>(p => p.Add(c => c.Sessions, sessions).Add(c => c.Message, "Other sessions signed out: 2."));

        ChipsIn(list, Color.Success).ShouldBe(["This device"]);
        list.Find("[role=status]").TextContent.Trim().ShouldBe("Other sessions signed out: 2.");
    }

    /// <summary>The words of the status chips shown in one colour.</summary>
    private static string[] ChipsIn(IRenderedComponent<IComponent> list, Color color) =>
        [.. list.FindComponents<MudChip<string>>().Where(c => c.Instance.Color == color).Select(c => c.Nodes.OfType<AngleSharp.Dom.IElement>().First().TextContent.Trim())];
}
