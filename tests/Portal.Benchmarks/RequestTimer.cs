using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Portal.Benchmarks;

/// <summary>Times every request inside the app, from before its first middleware until its pipeline returns.</summary>
internal sealed class RequestTimer : IStartupFilter
{
    public Tally Requests { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                Requests.AddSince(started);
            }
        });
        next(app);
    };
}
