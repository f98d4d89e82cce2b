using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Benchmarks;

internal sealed record SeedPlan(int Organisations, int MembersPerOrganisation, int AuditEvents, string Password);

/// <summary><c>seed</c>: migrates a SQLite file with the app's migrations and bulk-loads members and audit events.</summary>
internal static class SeedCommand
{
    public const string DefaultPassword = "Bench-Passw0rd!";

    public static async Task<int> RunAsync(CommandOptions options, TextWriter output)
    {
        var database = new BenchDatabase(options.RequiredText("db"));
        var plan = new SeedPlan(
            options.Number("organisations", 10),
            options.Number("members", 100),
            options.Number("audit", 1_000),
            options.Text("password") ?? DefaultPassword);
        var verify = options.Flag("verify");
        options.RejectUnknown();
        if (plan.Organisations == 0 && plan.MembersPerOrganisation > 0)
        {
            throw new UsageException("--members needs at least one organisation.");
        }

        var clock = Stopwatch.StartNew();
        await output.WriteLineAsync($"Seeding {database.Path}: {plan.Organisations:N0} organisations x {plan.MembersPerOrganisation:N0} members, {plan.AuditEvents:N0} audit events");
        var first = await SeedAsync(database, plan, output);
        await CheckAsync(database, plan, first, output);
        if (verify)
        {
            await VerifyAuditChainAsync(database, output);
        }

        await output.WriteLineAsync($"Done in {clock.Elapsed.TotalSeconds:N1} s");
        return 0;
    }

    /// <summary>Seeds the plan into the file; returns the index of the first organisation added.</summary>
    public static async Task<int> SeedAsync(BenchDatabase database, SeedPlan plan, TextWriter output)
    {
        var step = Stopwatch.StartNew();
        await database.MigrateAsync();
        await output.WriteLineAsync($"  migrated                                 {step.Elapsed.TotalSeconds,8:N1} s");

        // One real hash with the app's hasher and default options; every seeded member shares it.
        var passwordHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), plan.Password);
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenBulkConnectionAsync();

        step.Restart();
        var first = new MemberSeeder(connection, passwordHash, output).Seed(plan.Organisations, plan.MembersPerOrganisation, now);
        var members = (long)plan.Organisations * plan.MembersPerOrganisation;
        await output.WriteLineAsync($"  {members,12:N0} members                    {step.Elapsed.TotalSeconds,8:N1} s");

        step.Restart();
        new AuditSeeder(connection, output).Seed(plan.AuditEvents, now);
        await output.WriteLineAsync($"  {plan.AuditEvents,12:N0} audit events               {step.Elapsed.TotalSeconds,8:N1} s");
        return first;
    }

    /// <summary>Reads the seed back through EF Core and Identity's hasher, as the app will.</summary>
    private static async Task CheckAsync(BenchDatabase database, SeedPlan plan, int first, TextWriter output)
    {
        if (plan.MembersPerOrganisation == 0)
        {
            return;
        }

        var email = MemberSeeder.Email(first, 0).ToUpperInvariant();
        await using var anyTenant = database.CreateDbContext();
        var owner = await anyTenant.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email);
        var organisation = await anyTenant.Organisations.AsNoTracking().SingleAsync(o => o.Slug == $"bench-{first:D5}");
        await using var tenant = database.CreateDbContext(organisation.Id);
        var visible = await tenant.OrganisationMembers.CountAsync();
        var password = new PasswordHasher<PortalUser>().VerifyHashedPassword(owner, owner.PasswordHash!, plan.Password);
        if (visible != plan.MembersPerOrganisation || password != PasswordVerificationResult.Success || !owner.EmailConfirmed)
        {
            throw new InvalidOperationException($"Seed check failed: {visible} members visible to {organisation.Slug}, password {password}.");
        }

        await output.WriteLineAsync($"  check: {organisation.Slug} sees its {visible:N0} members through the tenant filter; {owner.Email} signs in with the seed password");
    }

    private static async Task VerifyAuditChainAsync(BenchDatabase database, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var result = await new AuditChainVerifier(database).VerifyAsync();
        if (!result.IsIntact)
        {
            throw new InvalidOperationException($"Audit chain broken at event {result.FirstBadSequence}: {result.Problem}.");
        }

        await output.WriteLineAsync($"  verify: audit chain intact, {result.EventsChecked:N0} events        {clock.Elapsed.TotalSeconds,8:N1} s");
    }
}
