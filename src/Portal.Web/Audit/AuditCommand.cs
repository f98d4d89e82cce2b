namespace Portal.Web.Audit;

/// <summary><c>audit verify</c>: checks the chain and exits non-zero naming the first bad event.</summary>
internal static class AuditCommand
{
    public static bool IsInvoked(string[] args) => args.Length >= 1 && args[0] == "audit";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length < 2 || args[1] != "verify")
        {
            await output.WriteLineAsync("usage: audit verify");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        if (result.IsIntact)
        {
            await output.WriteLineAsync($"Audit chain intact: {result.EventsChecked} events verified.");
            return 0;
        }

        await output.WriteLineAsync($"Audit chain broken at event {result.FirstBadSequence}: {result.Problem}.");
        return 1;
    }
}
