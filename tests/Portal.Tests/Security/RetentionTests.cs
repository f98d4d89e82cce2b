using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Features.Security;

namespace Portal.Tests.Security;

public sealed class RetentionTests : AppTest
{
    [Fact]
    public async Task Records_older_than_their_purpose_are_deleted_and_recent_ones_kept()
    {
        var userId = await Factory.UserIdAsync("member@acme.test");
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        await using (var db = Factory.CreateDbContext())
        {
            foreach (var age in new[] { 89, 91 })
            {
                var at = now.AddDays(-age);
                db.SignInAttempts.Add(new SignInAttempt { Id = Guid.NewGuid(), UserId = userId, OccurredAt = at, Method = "password", Device = $"{age}" });
                db.UserSessions.Add(new UserSession { Id = Guid.NewGuid(), UserId = userId, CreatedAt = at, LastSeenAt = at, AuthenticatedAt = at, Device = $"{age}" });
            }

            foreach (var age in new[] { 399, 401 })
            {
                db.KnownDevices.Add(new KnownDevice { Id = Guid.NewGuid(), UserId = userId, TokenHash = $"{age}", Device = $"{age}", FirstSeenAt = now.AddDays(-age), LastSeenAt = now.AddDays(-age) });
            }

            await db.SaveChangesAsync();
        }

        (await Factory.Services.GetRequiredService<SecurityRecordsRetention>().PurgeAsync()).ShouldBe(3);

        await using var after = Factory.CreateDbContext();
        (await after.SignInAttempts.Select(a => a.Device).ToListAsync()).ShouldBe(["89"]);
        (await after.UserSessions.Select(s => s.Device).ToListAsync()).ShouldBe(["89"]);
        (await after.KnownDevices.Select(d => d.Device).ToListAsync()).ShouldBe(["399"]);
    }
}
