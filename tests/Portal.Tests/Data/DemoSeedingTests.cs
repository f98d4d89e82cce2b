using Microsoft.EntityFrameworkCore;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public sealed class DemoSeedingTests
{
    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task Outside_development_no_demo_data_is_seeded_even_when_the_setting_asks(string environment)
    {
        await using var factory = new PortalFactory { SeedDemoData = true, Environment = environment };
        _ = factory.Server;

        await using var db = factory.CreateDbContext();
        (await db.Users.CountAsync()).ShouldBe(0);
        (await db.Organisations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task In_development_the_setting_seeds_the_demo_accounts()
    {
        await using var factory = new PortalFactory { SeedDemoData = true };
        _ = factory.Server;

        await using var db = factory.CreateDbContext();
        (await db.Users.AnyAsync(u => u.NormalizedEmail == "MEMBER@ACME.TEST")).ShouldBeTrue();
    }
}
