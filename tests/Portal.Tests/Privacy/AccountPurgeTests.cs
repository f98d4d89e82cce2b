using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Privacy;

namespace Portal.Tests.Privacy;

/// <summary>The end of the grace period: a reminder three days before, then the account and everything it owns deleted, once.</summary>
public sealed class AccountPurgeTests : AppTest
{
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";
    private static readonly string[] PersonIdNames = ["SubjectId", "ActorId", "ImpersonatorId", "AgentId"];

    [Fact]
    public async Task A_reminder_comes_three_days_before_and_then_no_row_with_the_person_s_id_is_left_but_the_audit_trail()
    {
        var memberId = await Factory.UserIdAsync(Member);
        using (var client = new PortalClient(Factory))
        {
            await client.SignInAsync(Member);
            using var scope = await Factory.ScopeForSessionAsync(Member, (await Factory.SessionsAsync(Member))[^1].Id);
            (await scope.ServiceProvider.GetRequiredService<DataExports>().RequestAsync()).Outcome.ShouldBe(DataExportRequestOutcome.Queued);
            (await scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync()).ShouldBe(ClosureOutcome.Closed);
        }

        Later(TimeSpan.FromDays(26));
        (await Job.RunOnceAsync()).ShouldBe(0);
        Later(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        (await Job.RunOnceAsync()).ShouldBe(1);
        (await Job.RunOnceAsync()).ShouldBe(0);
        var reminder = (await Factory.ToAsync(Member)).Single(m => m.Subject.StartsWith("Your Portal account will be deleted on", StringComparison.Ordinal));
        reminder.LinkTo("/Account/Reopen").ShouldContain("code=");

        Later(TimeSpan.FromDays(3));
        (await Job.RunOnceAsync()).ShouldBe(1);
        (await Job.RunOnceAsync()).ShouldBe(0);

        (await RowsNamingAsync(memberId)).ShouldBeEmpty("the purge left these rows naming the person");
        await using var db = Factory.CreateDbContext();
        (await db.OutboxMessages.CountAsync(m => m.To == Member)).ShouldBe(0);
        (await db.DeletedAccounts.SingleAsync(d => d.UserId == memberId)).DeletedAt.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime);
        var deleted = await db.AuditEvents.SingleAsync(e => e.SubjectId == memberId && e.Action == AuditActions.AccountDeleted);
        deleted.ActorId.ShouldBeNull();
        (await db.AuditEvents.CountAsync(e => e.SubjectId == memberId)).ShouldBeGreaterThan(3);
        using var verify = Factory.Services.CreateScope();
        (await verify.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Two_instances_delete_each_account_once()
    {
        var memberId = await Factory.UserIdAsync(Member);
        var adminId = await Factory.UserIdAsync(Admin);
        using (var scope = await Factory.ScopeForSessionAsync(Owner, Guid.NewGuid()))
        {
            var closures = scope.ServiceProvider.GetRequiredService<MemberClosures>();
            await closures.CloseAsync(memberId);
            await closures.CloseAsync(adminId);
        }

        Later(TimeSpan.FromDays(31));
        var other = ActivatorUtilities.CreateInstance<ClosureJob>(Factory.Services);
        var runs = await Task.WhenAll(Job.RunOnceAsync(), other.RunOnceAsync());

        runs.Sum().ShouldBe(2);
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.AccountDeleted)).ShouldBe(2);
        (await db.DeletedAccounts.CountAsync()).ShouldBe(2);
        (await db.Users.CountAsync(u => u.Id == memberId || u.Id == adminId)).ShouldBe(0);
        (await db.Users.CountAsync(u => u.Email == Owner)).ShouldBe(1);
    }

    [Fact]
    public async Task The_organisation_s_audit_log_names_a_deleted_member_as_a_deleted_account()
    {
        var memberId = await Factory.UserIdAsync(Member);
        using (var member = new PortalClient(Factory))
        {
            await member.SignInAsync(Member);
        }

        using (var scope = await Factory.ScopeForSessionAsync(Owner, Guid.NewGuid()))
        {
            await scope.ServiceProvider.GetRequiredService<MemberClosures>().CloseAsync(memberId);
        }

        Later(TimeSpan.FromDays(31));
        (await Job.RunOnceAsync()).ShouldBe(1);

        using var owner = await Factory.ScopeForSessionAsync(Owner, Guid.NewGuid());
        var log = await owner.ServiceProvider.GetRequiredService<OrganisationAuditLog>().PageAsync(new());
        log.First(e => e.Action == AuditActions.MemberClosed).Subject.ShouldBe(OrganisationAuditLog.DeletedName);
        log.First(e => e.Action == AuditActions.SignedIn && e.Subject == OrganisationAuditLog.DeletedName).Actor.ShouldBe(OrganisationAuditLog.DeletedName);
        log.ShouldNotContain(e => e.Actor == Member || e.Subject == Member);
    }

    [Fact]
    public async Task The_last_member_s_organisation_goes_with_them_and_a_reopened_account_is_never_deleted()
    {
        using (var globex = new PortalClient(Factory))
        {
            await globex.SignInAsync("owner@globex.test");
            using var scope = await Factory.ScopeForSessionAsync("owner@globex.test", (await Factory.SessionsAsync("owner@globex.test"))[^1].Id);
            (await scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync()).ShouldBe(ClosureOutcome.Closed);
        }

        var memberId = await Factory.UserIdAsync(Member);
        using (var scope = await Factory.ScopeForSessionAsync(Owner, Guid.NewGuid()))
        {
            var closures = scope.ServiceProvider.GetRequiredService<MemberClosures>();
            await closures.CloseAsync(memberId);
            await closures.ReopenAsync(memberId);
        }

        Later(TimeSpan.FromDays(31));
        (await Job.RunOnceAsync()).ShouldBe(1);

        await using var db = Factory.CreateDbContext();
        (await db.Organisations.AnyAsync(o => o.Name == "Globex")).ShouldBeFalse();
        (await db.Organisations.AnyAsync(o => o.Name == "Acme")).ShouldBeTrue();
        (await db.Users.AnyAsync(u => u.Id == memberId)).ShouldBeTrue();
    }

    /// <summary>Moves the clock on without firing every timer of the days between, as a restart after that time would.</summary>
    private void Later(TimeSpan span) => Factory.Time.AdjustTime(Factory.Time.GetUtcNow() + span);

    private ClosureJob Job => Factory.Services.GetRequiredService<ClosureJob>();

    /// <summary>Every table, found from the model, with a column that can hold a person's id: the rows naming this one, but the kept audit trail and tombstone.</summary>
    private async Task<List<string>> RowsNamingAsync(string userId)
    {
        await using var db = Factory.CreateDbContext();
        var kept = new[] { typeof(AuditEvent), typeof(DeletedAccount) };
        var found = new List<string>();
        var looked = 0;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && !kept.Contains(e.ClrType)))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties()
                .Where(p => p.ClrType == typeof(string)
                    && (IsPersonId(p.Name) || (entity.ClrType == typeof(PortalUser) && p.Name == nameof(PortalUser.Id))
                        || p.GetContainingForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(PortalUser))))
                .Select(p => p.GetColumnName(table)!)
                .Distinct();
            foreach (var column in columns)
            {
                looked++;
#pragma warning disable EF1002 // Table and column names come from the model, the id is a parameter.
                var count = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{table.Name}\" WHERE \"{column}\" = {{0}}", userId).SingleAsync();
#pragma warning restore EF1002
                if (count > 0)
                {
                    found.Add($"{table.Name}.{column}: {count}");
                }
            }
        }

        looked.ShouldBeGreaterThan(25, "the walk found too few columns that can name a person");
        return found;
    }

    private static bool IsPersonId(string name) =>
        name.EndsWith("UserId", StringComparison.Ordinal) || name.EndsWith("ById", StringComparison.Ordinal) || PersonIdNames.Contains(name);
}
