using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

public sealed class ForwardedHeadersTests : AppTest
{
    [Theory]
    [InlineData("10.0.0.5", "203.0.113.7")]
    [InlineData("10.0.0.9", "10.0.0.9")]
    public async Task The_recorded_address_comes_from_forwarded_headers_only_behind_a_known_proxy(string connectedFrom, string recorded)
    {
        Factory.With("ForwardedHeaders:KnownProxies:0", "10.0.0.5");
        using var client = new PortalClient(Factory, configure: builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ConnectedFrom(IPAddress.Parse(connectedFrom)))));
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        await client.SignInAsync("member@acme.test");

        var userId = await Factory.UserIdAsync("member@acme.test");
        await using var db = Factory.CreateDbContext();
        (await db.SignInAttempts.SingleAsync(a => a.UserId == userId)).IpAddress.ShouldBe(recorded);
    }

    /// <summary>Test servers have no remote address; this plays the part of the network.</summary>
    private sealed class ConnectedFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
