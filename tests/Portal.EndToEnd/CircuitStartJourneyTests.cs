namespace Portal.EndToEnd;

/// <summary>
/// A link clicked while the page's circuit is still starting must still reach its page. Each journey holds one step of the
/// start until the link has been clicked, so the click lands in that window every time.
/// </summary>
[Collection(PortalInChromium.Name)]
public sealed class CircuitStartJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_link_clicked_before_the_circuit_connects_opens_its_page()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "admin@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Acme");

        var negotiating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clicked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            negotiating.TrySetResult();
            await clicked.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/");
        await negotiating.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await page.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        clicked.TrySetResult();

        await MembersPageAsync(page);
    }

    [Fact]
    public async Task A_link_clicked_after_the_circuit_starts_but_before_it_renders_opens_its_page()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignInAsync(page, "admin@acme.test", "Demo-Passw0rd!");
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Acme");

        // Once the circuit has started on the dashboard's address, the server asks the browser to attach its renderer. Until
        // then the page's root is not yet added, and until the router's first render links are not yet the router's.
        var toBrowser = new HeldFrames(AttachesTheRenderer);
        await page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), socket =>
        {
            var server = socket.ConnectToServer();
            socket.OnMessage(frame => Forward(frame, server));
            server.OnMessage(frame => toBrowser.Pass(frame, held => Forward(held, socket)));
        });
        await page.GotoAsync("/");
        await toBrowser.Holding.WaitAsync(TimeSpan.FromSeconds(30));

        // Whatever the click does, a new document or a merge into this one, it has finished before the router may intercept.
        await page.EvaluateAsync("() => { window.beforeClick = true; Blazor.addEventListener('enhancedload', () => window.merged = true); }");
        await page.GetByRole(AriaRole.Link, new() { Name = "Members", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/organisation/members");
        await page.WaitForFunctionAsync("() => !window.beforeClick || window.merged === true");
        toBrowser.Release();

        await MembersPageAsync(page);
    }

    private static bool AttachesTheRenderer(IWebSocketFrame frame) =>
        (frame.Text ?? System.Text.Encoding.Latin1.GetString(frame.Binary ?? [])).Contains("attachWebRendererInterop", StringComparison.Ordinal);

    private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        if (frame.Binary is { } bytes) to.Send(bytes);
        else to.Send(frame.Text ?? string.Empty);
    }

    /// <summary>Passes every frame on except those that match, which it keeps until released.</summary>
    private sealed class HeldFrames(Func<IWebSocketFrame, bool> holdFrom)
    {
        private readonly Lock gate = new();
        private readonly TaskCompletionSource holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(IWebSocketFrame Frame, Action<IWebSocketFrame> Send)> kept = [];
        private bool released;

        public Task Holding => holding.Task;

        public void Pass(IWebSocketFrame frame, Action<IWebSocketFrame> send)
        {
            lock (gate)
            {
                if (!released && holdFrom(frame))
                {
                    kept.Add((frame, send));
                    holding.TrySetResult();
                    return;
                }
            }
            send(frame);
        }

        public void Release()
        {
            lock (gate)
            {
                released = true;
                foreach (var (frame, send) in kept) send(frame);
                kept.Clear();
            }
        }
    }

    private static async Task MembersPageAsync(IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/organisation/members$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("members-summary")).ToHaveTextAsync("Members 1–3 of 3");
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();
    }
}
