using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;

namespace Portal.Tests.Audit;

public sealed class AuditAnchorKeyTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new PortalFactory { SeedDemoData = false }
        .With("Audit:AnchorKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    public Task InitializeAsync() => AuditTampering.AppendAsync(_factory, 3);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_configured_key_signs_the_anchor_and_an_anchor_signed_with_another_key_is_refused()
    {
        var anchorFile = _factory.Service<AuditAnchorFile>();
        using (var scope = _factory.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CheckpointAsync()).IsIntact.ShouldBeTrue();
        }

        var genuine = (await anchorFile.ReadAsync(CancellationToken.None))!;
        var otherKey = new AuditAnchorKey(Options.Create(new AuditAnchorOptions { AnchorKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }), anchorFile);
        await anchorFile.WriteAsync(otherKey.Sign(genuine.Sequence, genuine.Hash, genuine.AnchoredAt), CancellationToken.None);
        var output = new StringWriter();
        var exitCode = await AuditCommand.RunAsync(_factory.Services, ["audit", "verify"], output);

        File.Exists(anchorFile.KeyPath).ShouldBeFalse();
        exitCode.ShouldBe(1);
        output.ToString().ShouldContain("does not match the anchor key");
    }
}
