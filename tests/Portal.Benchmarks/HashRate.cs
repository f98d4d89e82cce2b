using Microsoft.AspNetCore.Identity;
using Portal.Web.Data;

namespace Portal.Benchmarks;

/// <summary>The ceiling for sign-ins: how many password verifications the machine does per second, and nothing else.</summary>
internal static class HashRate
{
    private const long MaxPerThread = 10_000_000;

    /// <summary>Verifies with the app's own hasher (its options included), as the sign-in endpoint does.</summary>
    public static Measurement Measure(IPasswordHasher<PortalUser> hasher, string passwordHash, string password, int threads, TimeSpan rampUp, TimeSpan duration)
    {
        var user = new PortalUser();
        if (hasher.VerifyHashedPassword(user, passwordHash, password) != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException("The seeded hash does not verify with the seed password, or the app would rehash it at every sign-in.");
        }

        var window = new MeasurementWindow(rampUp, rampUp + duration);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (long done = 0; done < MaxPerThread && window.Running; done++)
            {
                var started = window.Now;
                hasher.VerifyHashedPassword(user, passwordHash, password);
                window.Record(started, succeeded: true);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return window.Result();
    }
}
