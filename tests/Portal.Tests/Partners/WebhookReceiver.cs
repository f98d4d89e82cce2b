using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Partners;

/// <summary>A partner's webhook endpoint on loopback: records every request and refuses the first few with 503. The end-to-end tests link this file too.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<ReceivedWebhook> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private WebhookReceiver(WebApplication app, int refuseFirst)
    {
        _app = app;
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var accepted = Interlocked.Increment(ref _count) > refuseFirst;
            var received = new ReceivedWebhook(
                request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), request.ContentType, body, accepted);
            Requests.Enqueue(received);
            if (accepted)
            {
                _accepted.TrySetResult(received);
            }

            return accepted ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
    }

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>Completes with the first request the receiver accepted.</summary>
    public Task<ReceivedWebhook> FirstAccepted => _accepted.Task;

    public string Url => _app.Urls.First() + "/hooks";

    public static async Task<WebhookReceiver> StartAsync(int refuseFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), refuseFirst);
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string? ContentType, string Body, bool Accepted);
