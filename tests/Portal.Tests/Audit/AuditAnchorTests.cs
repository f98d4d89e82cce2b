using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Tests.Audit;

public sealed class AuditAnchorTests : IAsyncLifetime
{
    private readonly CheckpointLog _log = new();
    private readonly PortalFactory _factory;

    public AuditAnchorTests()
    {
        _factory = new PortalFactory { SeedDemoData = false }.WithServices(s => s.AddSingleton<ILoggerProvider>(_log));
    }

    private string AnchorPath => Path.Combine(Path.GetDirectoryName(_factory.DatabasePath)!, "audit-anchor.json");

    public Task InitializeAsync() => AuditTampering.AppendAsync(_factory, 5);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Verify_anchors_an_intact_chain_in_a_signed_file_and_a_log_line()
    {
        await CheckpointAsync();

        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(0);
        output.ShouldBe("Audit chain intact: 5 events verified and anchored.");
        using var anchor = JsonDocument.Parse(await File.ReadAllTextAsync(AnchorPath));
        anchor.RootElement.GetProperty("sequence").GetInt64().ShouldBe(5);
        anchor.RootElement.GetProperty("signature").GetString()!.Length.ShouldBe(64);
        var line = _log.Lines.Last();
        line["AuditSequence"].ShouldBe(5L);
        line["AuditHash"].ShouldBe(anchor.RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Verify_reports_deleted_newest_events_as_a_truncated_log()
    {
        await CheckpointAsync();

        await AuditTampering.ExecuteAsync(_factory, "DELETE FROM AuditEvents WHERE Sequence > 2");
        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(1);
        output.ShouldStartWith("Audit log truncated:");
        output.ShouldContain("records event 5, but the log ends at event 2 (3 newest events deleted)");
    }

    [Fact]
    public async Task Verify_reports_a_consistently_rewritten_chain_as_rewritten_history()
    {
        await CheckpointAsync();

        await AuditTampering.RewriteChainAsync(_factory, "forged");
        var (exitCode, output) = await VerifyAsync();
        AuditVerification chain;
        using (var scope = _factory.Services.CreateScope())
        {
            chain = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
        }

        chain.IsIntact.ShouldBeTrue();
        exitCode.ShouldBe(1);
        output.ShouldStartWith("Audit history rewritten: event 5 no longer has the hash anchored");
    }

    [Fact]
    public async Task Verify_reports_an_anchor_file_rewritten_without_the_key()
    {
        await CheckpointAsync();
        await AuditTampering.RewriteChainAsync(_factory, "forged");
        await using (var db = _factory.CreateDbContext())
        {
            var forgedTail = await db.AuditEvents.Where(e => e.Sequence == 5).Select(e => e.Hash).SingleAsync();
            var anchor = JsonSerializer.Deserialize<Dictionary<string, object>>(await File.ReadAllTextAsync(AnchorPath))!;
            anchor["hash"] = forgedTail;
            await File.WriteAllTextAsync(AnchorPath, JsonSerializer.Serialize(anchor));
        }

        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(1);
        output.ShouldStartWith("Audit history rewritten: the signature in");
    }

    [Theory]
    [InlineData("not an anchor")]
    [InlineData("""{"sequence":5,"hash":"x","anchoredAt":"2026-11-22T09:00:00Z","signature":"not hex"}""")]
    public async Task Verify_reports_an_unreadable_or_unsigned_anchor_file_as_rewritten_history(string contents)
    {
        await CheckpointAsync();
        await File.WriteAllTextAsync(AnchorPath, contents);

        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(1);
        output.ShouldStartWith("Audit history rewritten:");
    }

    [Fact]
    public async Task Verify_reports_a_missing_anchor_while_events_exist()
    {
        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(1);
        output.ShouldBe($"Audit anchor missing: {AnchorPath} does not exist, yet the log holds 5 events.");
        File.Exists(AnchorPath).ShouldBeFalse();
    }

    [Fact]
    public async Task A_checkpoint_never_moves_the_anchor_past_a_truncation()
    {
        await CheckpointAsync();
        await AuditTampering.ExecuteAsync(_factory, "DELETE FROM AuditEvents WHERE Sequence > 2");
        await AuditTampering.AppendAsync(_factory, 4);

        var result = await CheckpointAsync();

        result.State.ShouldBe(AuditCheckState.Rewritten);
        using var anchor = JsonDocument.Parse(await File.ReadAllTextAsync(AnchorPath));
        anchor.RootElement.GetProperty("sequence").GetInt64().ShouldBe(5);
    }

    [Fact]
    public async Task Verify_against_a_missing_database_says_so_in_one_line()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_factory.DatabasePath + file);
        }

        var (exitCode, output) = await VerifyAsync();

        exitCode.ShouldBe(1);
        output.ShouldBe($"Audit database not found: {_factory.DatabasePath} does not exist.");
    }

    private async Task<AuditCheck> CheckpointAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CheckpointAsync();
    }

    private async Task<(int ExitCode, string Output)> VerifyAsync()
    {
        var output = new StringWriter();
        var exitCode = await AuditCommand.RunAsync(_factory.Services, ["audit", "verify"], output);
        return (exitCode, output.ToString().TrimEnd('\n', '\r'));
    }
}
