using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;

namespace Portal.Tests.Audit;

public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { SeedDemoData = false };

    public Task InitializeAsync() => AppendAsync(3);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Appended_events_form_an_intact_chain()
    {
        var result = await VerifyAsync();

        result.IsIntact.ShouldBeTrue(result.Problem);
        result.EventsChecked.ShouldBe(3);
    }

    [Fact]
    public async Task Events_record_actor_origin_and_changed_field_names()
    {
        await using var db = _factory.CreateDbContext();
        var first = await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync();

        first.Action.ShouldBe("test.changed");
        first.SubjectId.ShouldBe("subject-1");
        first.ChangedFields.ShouldBe("FirstName,LastName");
        first.OccurredAt.ShouldBe(_factory.Time.GetUtcNow().UtcDateTime, TimeSpan.FromMilliseconds(1));
        first.PreviousHash.ShouldBe(AuditHash.Genesis);
    }

    [Fact]
    public async Task The_context_refuses_to_update_an_audit_event()
    {
        await using var db = _factory.CreateDbContext();
        var entry = await db.AuditEvents.FirstAsync();
        entry.Action = "rewritten";

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_context_refuses_to_delete_an_audit_event()
    {
        await using var db = _factory.CreateDbContext();
        db.AuditEvents.Remove(await db.AuditEvents.FirstAsync());

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_database_refuses_bulk_and_raw_updates_of_audit_events()
    {
        await using var db = _factory.CreateDbContext();

        var bulk = await Should.ThrowAsync<SqliteException>(() => db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Target, "rewritten")));
        var raw = await Should.ThrowAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Hash = 'forged' WHERE Sequence = 3"));

        bulk.Message.ShouldContain("append-only");
        raw.Message.ShouldContain("append-only");
        (await db.AuditEvents.CountAsync(e => e.Target == "rewritten" || e.Hash == "forged")).ShouldBe(0);
    }

    [Fact]
    public async Task The_database_refuses_bulk_and_raw_deletes_of_audit_events()
    {
        await using var db = _factory.CreateDbContext();

        await Should.ThrowAsync<SqliteException>(() => db.AuditEvents.Where(e => e.Sequence > 1).ExecuteDeleteAsync());
        await Should.ThrowAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents"));

        (await db.AuditEvents.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Verify_names_the_first_event_altered_behind_the_apps_back()
    {
        await AuditTampering.ExecuteAsync(_factory, "UPDATE AuditEvents SET Target = 'forged' WHERE Sequence = 2");

        var output = new StringWriter();
        var exitCode = await AuditCommand.RunAsync(_factory.Services, ["audit", "verify"], output);

        exitCode.ShouldBe(1);
        output.ToString().ShouldContain("event 2");
    }

    [Fact]
    public async Task Verify_detects_a_removed_event()
    {
        await AuditTampering.ExecuteAsync(_factory, "DELETE FROM AuditEvents WHERE Sequence = 2");

        var result = await VerifyAsync();

        result.IsIntact.ShouldBeFalse();
        result.FirstBadSequence.ShouldBe(2);
    }

    [Fact]
    public async Task Verify_command_exits_zero_on_an_intact_anchored_chain()
    {
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().CheckpointAsync();
        }

        var output = new StringWriter();

        var exitCode = await AuditCommand.RunAsync(_factory.Services, ["audit", "verify"], output);

        exitCode.ShouldBe(0);
        output.ToString().ShouldContain("3 events verified");
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            using var scope = _factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Portal.Web.Data.PortalDbContext>();
            var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await log.AppendAsync(db, new AuditRecord("test.changed", SubjectId: $"subject-{i}", ChangedFields: ["FirstName", "LastName"], ActorId: "actor"));
        }
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync();
    }
}
