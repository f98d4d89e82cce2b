namespace Portal.Benchmarks;

/// <summary>Several clients signing in through the real endpoint, round after round; each loop is bounded in time and count.</summary>
internal sealed class LoginLoad : IDisposable
{
    private const int MaxPostsPerRound = 100_000;
    private const int WarmUpPostsPerClient = 2;

    private readonly IReadOnlyList<string> _emails;
    private readonly string _password;
    private readonly List<LoginClient> _clients;
    private readonly int[] _posts;

    public LoginLoad(Uri address, IReadOnlyList<string> emails, string password, int concurrency, bool newDevices)
    {
        _emails = emails;
        _password = password;
        _clients = [.. Enumerable.Range(0, concurrency).Select(_ => new LoginClient(address, rememberDevices: !newDevices))];
        _posts = new int[concurrency];
    }

    /// <summary>The status and start of the body of the last response that was not a sign-in.</summary>
    public string? LastFailure => _clients.Select(c => c.LastFailure).FirstOrDefault(f => f is not null);

    /// <summary>Loads the sign-in page once per client and signs in a few times, so the measured rounds start warm.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_clients.Select(async (client, index) =>
        {
            await client.PrepareAsync(cancellationToken);
            for (var i = 0; i < WarmUpPostsPerClient; i++)
            {
                if (!await SignInAsync(client, index, cancellationToken))
                {
                    throw new InvalidOperationException($"Warm-up sign-in failed: {client.LastFailure}");
                }
            }
        }));

    public async Task<Measurement> RunAsync(TimeSpan rampUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        var window = new MeasurementWindow(rampUp, rampUp + duration);
        await Task.WhenAll(_clients.Select(async (client, index) =>
        {
            for (var posts = 0; posts < MaxPostsPerRound && window.Running; posts++)
            {
                var started = window.Now;
                window.Record(started, await SignInAsync(client, index, cancellationToken));
            }
        }));
        return window.Result();
    }

    public void Dispose() => _clients.ForEach(c => c.Dispose());

    /// <summary>Each client walks its own stride through the members, so no two clients sign in the same person at once.</summary>
    private Task<bool> SignInAsync(LoginClient client, int index, CancellationToken cancellationToken)
    {
        var email = _emails[(int)((index + ((long)_posts[index]++ * _clients.Count)) % _emails.Count)];
        return client.SignInAsync(email, _password, cancellationToken);
    }
}
