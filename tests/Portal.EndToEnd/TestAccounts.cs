using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Account;
using Portal.Web.Data;

namespace Portal.EndToEnd;

/// <summary>Fresh confirmed accounts for journeys that change security settings, so no other test meets them.</summary>
internal static class TestAccounts
{
    public const string Password = "a long journey passphrase";

    public static async Task<string> CreateAsync(this PortalServer server, string firstName = "Robin", string? email = null)
    {
        email ??= $"{firstName.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await using var scope = server.Services.CreateAsyncScope();
        // Outside a request, links in the welcome email are made from the server's own address.
        var baseUri = server.BaseUrl + "/";
        ((IHostEnvironmentNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>()).Initialize(baseUri, baseUri);
        var registration = scope.ServiceProvider.GetRequiredService<AccountRegistration>();
        (await registration.RegisterAsync(new Registration(firstName, "Tester", email, Password, PromotionalEmailOptIn: false))).Succeeded.ShouldBeTrue();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        (await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user))).Succeeded.ShouldBeTrue();
        return email;
    }
}
