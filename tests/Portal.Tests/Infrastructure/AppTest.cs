namespace Portal.Tests.Infrastructure;

/// <summary>A test class with a fresh app (seeded demo data, its own database) for each test.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected PortalFactory Factory { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>One app shared by every test of a class, for tests that only read or add distinct rows.</summary>
public sealed class SharedApp : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
