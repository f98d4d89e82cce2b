using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Audit;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Features.Support;

namespace Portal.Tests.Support;

public sealed class PlatformOverviewTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { SeedDemoData = false };

    public Task InitializeAsync() => AuditTampering.AppendAsync(_factory, 5);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_console_check_compares_the_chain_with_its_anchor()
    {
        var first = await VerifyAsync();
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CheckpointAsync();
        }

        var anchored = await VerifyAsync();
        await AuditTampering.ExecuteAsync(_factory, "DELETE FROM AuditEvents WHERE Sequence > 2");
        var truncated = await VerifyAsync();

        first.State.ShouldBe(AuditCheckState.AnchorMissing);
        anchored.State.ShouldBe(AuditCheckState.Intact);
        truncated.State.ShouldBe(AuditCheckState.Truncated);
        truncated.Anchored.ShouldBe(5);
        truncated.Events.ShouldBe(2);
    }

    private async Task<AuditCheck> VerifyAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformOverview>().VerifyAuditChainAsync();
    }
}
