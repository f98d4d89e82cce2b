namespace Portal.Benchmarks;

/// <summary>
/// What the app did for one kind of page load, ramp-up and drain included: requests it timed, queries and
/// connection openings, each with its total time, and the time its contexts held a connection.
/// </summary>
internal sealed record AppSide(
    long Requests, TimeSpan Server, long Queries, TimeSpan QueryTime, long Openings, TimeSpan OpeningTime, TimeSpan ContextTime)
{
    public static readonly AppSide None = new(0, TimeSpan.Zero, 0, TimeSpan.Zero, 0, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Clears what the app has counted so far, before a round.</summary>
    public static void Reset(PortalHost host) => Take(host);

    /// <summary>What the app counted since the last reset.</summary>
    public static AppSide Take(PortalHost host)
    {
        var (requests, server) = host.Requests.Requests.Take();
        var (queries, queryTime) = host.Database.Queries.Take();
        var (openings, openingTime) = host.Database.Openings.Take();
        var (_, contextTime) = host.Database.Contexts.Take();
        return new AppSide(requests, server, queries, queryTime, openings, openingTime, contextTime);
    }

    public AppSide Plus(AppSide other) =>
        new(Requests + other.Requests, Server + other.Server, Queries + other.Queries,
            QueryTime + other.QueryTime, Openings + other.Openings, OpeningTime + other.OpeningTime, ContextTime + other.ContextTime);

    public double ServerMsPerRequest => Server.TotalMilliseconds / Math.Max(Requests, 1);

    public double QueriesPerRequest => (double)Queries / Math.Max(Requests, 1);

    public double QueryMsPerRequest => QueryTime.TotalMilliseconds / Math.Max(Requests, 1);

    public double OpeningsPerRequest => (double)Openings / Math.Max(Requests, 1);

    public double ContextMsPerRequest => ContextTime.TotalMilliseconds / Math.Max(Requests, 1);

    public double OpeningMsPerRequest => OpeningTime.TotalMilliseconds / Math.Max(Requests, 1);
}
