using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;
using Portal.Web.Email;

namespace Portal.Tests.Email;

/// <summary>
/// Leases, retries and dead letters, one send at a time so a test can order what happens mid-send
/// (<see cref="OutboxConcurrencyTests"/> covers passes that send several at once).
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private readonly RecordingTransport _transport = new();
    private readonly OutboxCommandRecorder _commands = new();
    private readonly PortalFactory _factory;

    public OutboxDeliveryTests() =>
        _factory = new PortalFactory { SeedDemoData = false }.With("Email:Concurrency", "1").With("Email:BatchSize", "100").WithServices(services =>
        {
            services.RemoveAll<IEmailTransport>();
            services.AddSingleton<IEmailTransport>(_transport);
            services.ConfigureDbContext<PortalDbContext>(db => db.AddInterceptors(_commands));
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private DateTime Now => _factory.Time.GetUtcNow().UtcDateTime;

    private EmailOptions Options => _factory.Service<IOptions<EmailOptions>>().Value;

    [Fact]
    public async Task Two_instances_delivering_concurrently_deliver_each_message_exactly_once()
    {
        var ids = await QueueAsync(200);
        var first = _factory.Service<OutboxDelivery>();
        var second = AnotherInstance();
        first.InstanceId.ShouldNotBe(second.InstanceId);

        var processed = 0;
        for (var round = 0; round < 50 && await CountAsync(OutboxStatus.Pending) > 0; round++)
        {
            // Eight pollers at once, half on each instance, all racing for the same oldest rows.
            var passes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).DeliverDueAsync())));
            processed += passes.Sum();
        }

        _transport.Delivered.Order().ShouldBe(ids.Order());
        processed.ShouldBe(200);
        await using var db = _factory.CreateDbContext();
        var rows = await db.OutboxMessages.ToListAsync();
        rows.ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1 && m.LeaseOwner == null && m.SentAt != null);
    }

    [Fact]
    public async Task A_failed_delivery_stays_pending_and_is_retried_only_after_a_30_second_back_off()
    {
        var id = (await QueueAsync(1)).Single();
        var delivery = _factory.Service<OutboxDelivery>();
        _transport.OnSend = _ => throw new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.MailboxBusy, "451 Try again later");
        var failedAt = Now;

        await delivery.DeliverDueAsync();

        var failed = await RowAsync(id);
        failed.Status.ShouldBe(OutboxStatus.Pending);
        failed.Attempts.ShouldBe(1);
        failed.NextAttemptAt.ShouldBe(failedAt.AddSeconds(30));
        failed.LastError.ShouldBe("451 Try again later");
        failed.LeaseOwner.ShouldBeNull();

        _transport.OnSend = null;
        _factory.Time.Advance(TimeSpan.FromSeconds(29));
        await delivery.DeliverDueAsync();
        _transport.AttemptsFor(id).ShouldBe(1);

        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await delivery.DeliverDueAsync();
        _transport.AttemptsFor(id).ShouldBe(2);
        var sent = await RowAsync(id);
        sent.Status.ShouldBe(OutboxStatus.Sent);
        sent.Attempts.ShouldBe(2);
        sent.SentAt.ShouldBe(Now);
    }

    [Fact]
    public async Task A_message_that_just_failed_is_not_retried_by_another_instance_before_its_back_off()
    {
        var early = (await QueueAsync(1)).Single();
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        var failing = (await QueueAsync(1)).Single();
        var first = _factory.Service<OutboxDelivery>();
        var second = AnotherInstance();
        _transport.OnSend = async message =>
        {
            if (message.Id == failing)
            {
                throw new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.MailboxBusy, "451 Try again later");
            }

            // While the first instance is busy with the early message (and still holds the failing one in its
            // list of due messages), the second instance polls, takes the failing one and fails it.
            if (_transport.AttemptsFor(failing) == 0)
            {
                await second.DeliverDueAsync();
            }
        };

        await first.DeliverDueAsync();

        _transport.AttemptsFor(early).ShouldBe(1);
        _transport.AttemptsFor(failing).ShouldBe(1);
        var row = await RowAsync(failing);
        row.Attempts.ShouldBe(1);
        row.NextAttemptAt.ShouldBe(Now.AddSeconds(30));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_lettered_after_the_maximum_attempts_with_growing_back_off()
    {
        var id = (await QueueAsync(1)).Single();
        var delivery = _factory.Service<OutboxDelivery>();
        _transport.OnSend = _ => throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "550 Mailbox unavailable");
        var maxAttempts = Options.MaxAttempts;
        maxAttempts.ShouldBeGreaterThan(1);

        for (var attempt = 1; attempt < maxAttempts; attempt++)
        {
            await delivery.DeliverDueAsync();
            var row = await RowAsync(id);
            row.Status.ShouldBe(OutboxStatus.Pending);
            row.Attempts.ShouldBe(attempt);
            row.NextAttemptAt.ShouldBe(Now + OutboxDelivery.Backoff(attempt));
            _factory.Time.Advance(OutboxDelivery.Backoff(attempt));
        }

        await delivery.DeliverDueAsync();

        var dead = await RowAsync(id);
        dead.Status.ShouldBe(OutboxStatus.DeadLettered);
        dead.Attempts.ShouldBe(maxAttempts);
        dead.LastError.ShouldBe("550 Mailbox unavailable");
        _factory.Time.Advance(TimeSpan.FromDays(1));
        await delivery.DeliverDueAsync();
        _transport.AttemptsFor(id).ShouldBe(maxAttempts);
        OutboxDelivery.Backoff(2).ShouldBe(TimeSpan.FromMinutes(1));
        OutboxDelivery.Backoff(20).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_message_leased_by_an_instance_that_stopped_mid_send_is_delivered_by_another_after_the_lease_expires()
    {
        var id = (await QueueAsync(1)).Single();
        var crashed = _factory.Service<OutboxDelivery>();
        var survivor = AnotherInstance();
        using var stop = new CancellationTokenSource();
        _transport.OnSend = _ =>
        {
            // The host goes down while the server is answering: the lease is left behind.
            stop.Cancel();
            stop.Token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        await Should.ThrowAsync<OperationCanceledException>(() => crashed.DeliverDueAsync(stop.Token));
        _transport.OnSend = null;
        (await RowAsync(id)).LeaseOwner.ShouldNotBeNull().ShouldStartWith(crashed.InstanceId + "/");

        _factory.Time.Advance(Options.LeaseDuration - TimeSpan.FromSeconds(1));
        (await survivor.DeliverDueAsync()).ShouldBe(0);
        _transport.Delivered.ShouldBeEmpty();

        _factory.Time.Advance(TimeSpan.FromSeconds(2));
        (await survivor.DeliverDueAsync()).ShouldBe(1);

        _transport.Delivered.ShouldBe([id]);
        var row = await RowAsync(id);
        row.Status.ShouldBe(OutboxStatus.Sent);
        row.LeaseOwner.ShouldBeNull();
    }

    [Fact]
    public async Task A_lease_runs_from_when_it_is_taken_so_a_slow_pass_does_not_hand_its_later_messages_to_another_instance()
    {
        var slow = (await QueueAsync(1)).Single();
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        var later = (await QueueAsync(1)).Single();
        var first = _factory.Service<OutboxDelivery>();
        var second = AnotherInstance();
        _transport.OnSend = async message =>
        {
            if (message.Id == slow)
            {
                // The server takes longer than a whole lease to accept the first message of the pass.
                _factory.Time.Advance(Options.LeaseDuration + TimeSpan.FromMinutes(1));
            }
            else if (_transport.AttemptsFor(later) == 1)
            {
                // The other instance polls while the later message is in flight.
                await second.DeliverDueAsync();
            }
        };

        await first.DeliverDueAsync();

        _transport.AttemptsFor(later).ShouldBe(1);
        _transport.Delivered.Order().ShouldBe(new[] { slow, later }.Order());
        (await RowAsync(later)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Leasing_and_recording_find_the_listed_messages_by_id_instead_of_walking_the_backlog()
    {
        await QueueAsync(30);

        (await _factory.Service<OutboxDelivery>().DeliverDueAsync()).ShouldBe(30);

        // Walking the (Status, NextAttemptAt) index to find a batch's rows costs as much as the backlog is long.
        var updates = _commands.Updates();
        updates.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var (sql, parameters) in updates)
        {
            var plan = string.Join("\n", await QueryPlanAsync(sql, parameters));
            plan.ShouldContain("USING INDEX sqlite_autoindex_OutboxMessages_1 (Id=?)", Case.Sensitive, $"{sql}\n{plan}");
            plan.ShouldNotContain("IX_OutboxMessages_Status", Case.Sensitive, $"{sql}\n{plan}");
        }
    }

    [Fact]
    public void Pending_sent_and_dead_lettered_are_the_only_statuses()
    {
        // The lease statement reads "neither sent nor dead-lettered" as pending (OutboxDelivery.StillDue): a new status must be added there.
        Enum.GetValues<OutboxStatus>().ShouldBe([OutboxStatus.Pending, OutboxStatus.Sent, OutboxStatus.DeadLettered]);
    }

    private Task<List<string>> QueryPlanAsync(string sql, (string Name, object? Value)[] parameters) => SqliteQueryPlan.ExplainAsync(_factory.DatabasePath, sql, parameters);

    private OutboxDelivery AnotherInstance() => ActivatorUtilities.CreateInstance<OutboxDelivery>(_factory.Services);

    private Task<List<Guid>> QueueAsync(int count) => QueuedMail.QueueAsync(_factory, count);

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = _factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task<int> CountAsync(OutboxStatus status)
    {
        await using var db = _factory.CreateDbContext();
        return await db.OutboxMessages.CountAsync(m => m.Status == status);
    }
}
