using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Data;

namespace Portal.Tests.Account;

public sealed class UnknownAccountTimingTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private readonly CountingHasher _hasher = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Signing_in_with_an_unknown_address_spends_a_password_verification_like_a_known_one()
    {
        using var client = Client();

        await client.SignInAsync("member@acme.test", "wrong-password");
        var known = _hasher.Verifications;
        await client.SignInAsync("nobody@example.test", "wrong-password");

        known.ShouldBe(1);
        (_hasher.Verifications - known).ShouldBe(1);
    }

    [Fact]
    public async Task Registering_an_existing_address_spends_a_password_hash_like_a_new_one()
    {
        using var client = Client();
        await client.GetStringAsync("/Account/Register");
        var seeded = _hasher.Hashes;

        await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("fresh@example.test"));
        var fresh = _hasher.Hashes - seeded;
        await client.SubmitAsync("/Account/Register", "register", RegistrationTests.Form("member@acme.test"));

        fresh.ShouldBe(1);
        (_hasher.Hashes - seeded - fresh).ShouldBe(1);
    }

    private PortalClient Client() =>
        new(_factory, configure: builder => builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<PortalUser>>(_hasher)));

    private sealed class CountingHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new();
        private int _hashes;
        private int _verifications;

        public int Hashes => _hashes;

        public int Verifications => _verifications;

        public string HashPassword(PortalUser user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
