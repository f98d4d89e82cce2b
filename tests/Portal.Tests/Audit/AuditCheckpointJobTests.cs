using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Audit;

public sealed class AuditCheckpointJobTests : IAsyncLifetime
{
    private readonly CheckpointLog _log = new();
    private readonly PortalFactory _factory;

    public AuditCheckpointJobTests()
    {
        _factory = new PortalFactory { SeedDemoData = false }
            .With("Audit:RunCheckpoints", "true")
            .With("Audit:CheckpointEvery", "2")
            .WithServices(s => s.AddSingleton<ILoggerProvider>(_log));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_running_app_anchors_every_N_events_and_on_its_timer()
    {
        await AuditTampering.AppendAsync(_factory, 2);
        await _log.AnchoredAsync(2);

        await AuditTampering.AppendAsync(_factory, 1);
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await _log.AnchoredAsync(3);

        _log.Lines.Select(l => (long)l["AuditSequence"]!).ShouldBe([0, 2, 3]);
    }
}
