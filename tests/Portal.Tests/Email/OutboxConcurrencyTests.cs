using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Tests.Infrastructure;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>The dispatcher as configured by default: passes that send several messages at once, on several instances.</summary>
public sealed class OutboxConcurrencyTests : IAsyncLifetime
{
    private readonly RecordingTransport _transport = new();
    private readonly PortalFactory _factory;

    public OutboxConcurrencyTests() =>
        _factory = new PortalFactory { SeedDemoData = false }.With("Email:BatchSize", "100").WithServices(services =>
        {
            services.RemoveAll<IEmailTransport>();
            services.AddSingleton<IEmailTransport>(_transport);
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_pass_sends_several_messages_at_once_and_records_each_sent_once()
    {
        var ids = await QueueAsync(40);
        var inFlight = 0;
        var most = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _transport.OnSend = async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            if (now >= 4)
            {
                gate.TrySetResult();
            }

            // Hold each send until four are under way at once, as a slow server would.
            await gate.Task;
            Interlocked.Decrement(ref inFlight);
        };

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(40);

        most.ShouldBeGreaterThanOrEqualTo(4);
        _transport.Delivered.Order().ShouldBe(ids.Order());
        await using var db = _factory.CreateDbContext();
        (await db.OutboxMessages.ToListAsync()).ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.LeaseOwner == null && m.SentAt != null);
    }

    [Fact]
    public async Task Two_instances_with_many_passes_each_deliver_every_message_exactly_once()
    {
        var ids = await QueueAsync(300);
        var first = _factory.Service<OutboxDelivery>();
        var second = ActivatorUtilities.CreateInstance<OutboxDelivery>(_factory.Services);

        var processed = 0;
        for (var round = 0; round < 50 && processed < 300; round++)
        {
            // Eight passes at once, half on each instance, all racing for the same oldest rows.
            var passes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).DeliverDueAsync())));
            processed += passes.Sum();
        }

        _transport.Delivered.Order().ShouldBe(ids.Order());
        processed.ShouldBe(300);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }

    private Task<List<Guid>> QueueAsync(int count) => QueuedMail.QueueAsync(_factory, count);
}
