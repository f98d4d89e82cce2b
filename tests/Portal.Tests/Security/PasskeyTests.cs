using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Tests.Security;

public sealed class PasskeyTests : AppTest
{
    private const string Page = "/account/security/passkeys";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Creation_options_are_only_for_signed_in_people()
    {
        using var client = new PortalClient(Factory);

        var response = await client.PostFromPageAsync("/Account/Passkeys/CreationOptions", "/Account/Login");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task Both_options_endpoints_refuse_a_post_without_the_pages_antiforgery_token()
    {
        using var visitor = new PortalClient(Factory);
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await visitor.PostFromPageAsync("/Account/Passkeys/RequestOptions", "/Account/Login", withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await member.PostFromPageAsync("/Account/Passkeys/CreationOptions", Page, withToken: false)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Creation_options_name_the_person_and_exclude_the_passkeys_they_already_have()
    {
        var (userId, credentialId) = await SeedPasskeyAsync(Member, "Work laptop");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        var response = await client.PostFromPageAsync("/Account/Passkeys/CreationOptions", Page);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = options.RootElement;
        root.GetProperty("rp").GetProperty("id").GetString().ShouldBe("localhost");
        root.GetProperty("user").GetProperty("name").GetString().ShouldBe(Member);
        root.GetProperty("user").GetProperty("id").GetString().ShouldBe(WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId)));
        root.GetProperty("excludeCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe([credentialId]);
        root.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString().ShouldBe("required");
        root.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString().ShouldBe("required");
        WebEncoders.Base64UrlDecode(root.GetProperty("challenge").GetString()!).Length.ShouldBe(32);
    }

    [Fact]
    public async Task Creation_options_are_refused_once_the_sign_in_is_older_than_five_minutes()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        var response = await client.PostFromPageAsync("/Account/Passkeys/CreationOptions", Page);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Request_options_let_a_visitor_choose_any_of_their_passkeys()
    {
        using var client = new PortalClient(Factory);

        var response = await client.PostFromPageAsync("/Account/Passkeys/RequestOptions", "/Account/Login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        options.RootElement.GetProperty("rpId").GetString().ShouldBe("localhost");
        options.RootElement.GetProperty("userVerification").GetString().ShouldBe("required");
        (options.RootElement.TryGetProperty("allowCredentials", out var allowed) ? allowed.GetArrayLength() : 0).ShouldBe(0);
    }

    [Fact]
    public async Task The_page_lists_the_persons_own_passkeys_and_nobody_elses()
    {
        await SeedPasskeyAsync(Member, "Work laptop");
        await SeedPasskeyAsync("admin@acme.test", "Admin security key");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        var page = await client.GetStringAsync(Page);

        page.ShouldContain("Work laptop");
        page.ShouldNotContain("Admin security key");
        page.ShouldNotContain("data-testid=\"passkeys-reauthenticate\"");
    }

    [Fact]
    public async Task Renaming_a_passkey_saves_the_name_audits_it_and_tells_the_person()
    {
        var (userId, id) = await SeedPasskeyAsync(Member, "Work laptop");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        var response = await RenameAsync(client, id, "  Office desktop ");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync(Page)).ShouldContain("Office desktop");
        (await NamesAsync(Member)).ShouldBe(["Office desktop"]);
        (await AuditAsync(userId, AuditActions.PasskeyRenamed)).ShouldBe(["Work laptop → Office desktop"]);
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "A passkey on your Portal account was renamed" && m.HtmlBody.Contains("Office desktop"));
    }

    [Fact]
    public async Task Removing_a_passkey_goes_through_a_confirmation_then_deletes_audits_and_tells_the_person()
    {
        var (userId, id) = await SeedPasskeyAsync(Member, "Old phone");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        (await client.GetStringAsync($"{Page}?remove={id}")).ShouldContain("Remove “Old phone”?");
        var response = await RemoveAsync(client, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await NamesAsync(Member)).ShouldBeEmpty();
        (await AuditAsync(userId, AuditActions.PasskeyRemoved)).ShouldBe(["Old phone"]);
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "A passkey was removed from your Portal account" && m.HtmlBody.Contains("Old phone"));
    }

    [Fact]
    public async Task Changes_are_refused_once_the_sign_in_is_older_than_five_minutes()
    {
        var (userId, id) = await SeedPasskeyAsync(Member, "Work laptop");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        Factory.Time.Advance(TimeSpan.FromMinutes(6));

        var renamed = await (await RenameAsync(client, id, "Anything")).Content.ReadAsStringAsync();
        var removed = await (await RemoveAsync(client, id)).Content.ReadAsStringAsync();
        var added = await (await client.SubmitAsync(Page, "passkey-add", new Dictionary<string, string> { ["Add.Name"] = "New", ["Add.CredentialJson"] = "{}" }))
            .Content.ReadAsStringAsync();

        foreach (var page in new[] { renamed, removed, added })
        {
            page.ShouldContain("confirm it is you first");
            page.ShouldContain("href=\"Account/Reauthenticate?returnUrl=/account/security/passkeys\"");
        }

        (await NamesAsync(Member)).ShouldBe(["Work laptop"]);
        (await AuditAsync(userId, AuditActions.PasskeyRenamed, AuditActions.PasskeyRemoved, AuditActions.PasskeyAdded)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name that is far too long to fit in the fifty characters")]
    public async Task Renaming_rejects_an_empty_or_overlong_name(string name)
    {
        var (_, id) = await SeedPasskeyAsync(Member, "Work laptop");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        var response = await RenameAsync(client, id, name);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldMatch(name.Length > 50 ? "Name must be at most 50 characters" : "Name is required");
        (await NamesAsync(Member)).ShouldBe(["Work laptop"]);
    }

    [Fact]
    public async Task Someone_elses_passkey_can_be_neither_renamed_nor_removed()
    {
        var (_, id) = await SeedPasskeyAsync("admin@acme.test", "Admin security key");
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);

        (await (await RenameAsync(client, id, "Mine now")).Content.ReadAsStringAsync()).ShouldContain("That passkey was not found");
        (await (await RemoveAsync(client, id)).Content.ReadAsStringAsync()).ShouldContain("That passkey was not found");

        (await NamesAsync("admin@acme.test")).ShouldBe(["Admin security key"]);
    }

    [Fact]
    public async Task A_credential_that_does_not_verify_is_not_added()
    {
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        await client.PostFromPageAsync("/Account/Passkeys/CreationOptions", Page);

        var response = await client.SubmitAsync(Page, "passkey-add", new Dictionary<string, string>
        {
            ["Add.Name"] = "Forged",
            ["Add.CredentialJson"] = """{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}""",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("could not be verified");
        (await NamesAsync(Member)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_passkey_sign_in_that_does_not_verify_gets_the_same_answer_as_a_wrong_password()
    {
        using var client = new PortalClient(Factory);
        await client.PostFromPageAsync("/Account/Passkeys/RequestOptions", "/Account/Login");

        var forged = await client.SubmitAsync("/Account/Login", "passkey-login", new Dictionary<string, string>
        {
            ["Passkey.CredentialJson"] = """{"id":"AQID","rawId":"AQID","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA","userHandle":null}}""",
        });
        var unstarted = await client.SubmitAsync("/Account/Login", "passkey-login", new Dictionary<string, string> { ["Passkey.CredentialJson"] = "{}" });

        foreach (var response in new[] { forged, unstarted })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("That email and password did not work");
            response.Headers.TryGetValues("Set-Cookie", out var cookies);
            (cookies ?? []).ShouldNotContain(c => c.StartsWith("__Host-Portal=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        }

        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.SignInFailed && e.Target == "passkey not verified")).ShouldBe(2);
    }

    [Fact]
    public async Task The_sign_in_page_keeps_the_password_form_and_offers_passkeys_only_once_the_browser_shows_support()
    {
        using var client = new PortalClient(Factory);

        var page = await client.GetStringAsync("/Account/Login");

        page.ShouldContain("name=\"Input.Password\"");
        page.ShouldMatch("<portal-passkey[^>]* hidden");
        page.ShouldContain("Sign in with a passkey");
        page.ShouldMatch("<script src=\"passkeys[^\"]*\\.js\"");
    }

    private static Task<HttpResponseMessage> RenameAsync(PortalClient client, string id, string name) =>
        client.SubmitAsync($"{Page}?rename={id}", "passkey-rename", new Dictionary<string, string> { ["Rename.Id"] = id, ["Rename.Name"] = name });

    private static Task<HttpResponseMessage> RemoveAsync(PortalClient client, string id) =>
        client.SubmitAsync($"{Page}?remove={id}", "passkey-remove", new Dictionary<string, string> { ["Remove.Id"] = id });

    /// <summary>A stored passkey as registration would leave it; its key is random, so it can be listed and managed but not used.</summary>
    private async Task<(string UserId, string Id)> SeedPasskeyAsync(string email, string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var credentialId = RandomNumberGenerator.GetBytes(16);
        var passkey = new UserPasskeyInfo(credentialId, RandomNumberGenerator.GetBytes(77), Factory.Time.GetUtcNow(), signCount: 0, transports: ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [0xa0], clientDataJson: [0x7b, 0x7d])
        {
            Name = name,
        };
        (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded.ShouldBeTrue();
        return (user.Id, WebEncoders.Base64UrlEncode(credentialId));
    }

    private async Task<List<string?>> NamesAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return [.. (await users.GetPasskeysAsync((await users.FindByEmailAsync(email))!)).Select(p => p.Name)];
    }

    private async Task<List<string?>> AuditAsync(string userId, params string[] actions)
    {
        await using var db = Factory.CreateDbContext();
        return await db.AuditEvents.Where(e => e.SubjectId == userId && actions.Contains(e.Action)).OrderBy(e => e.Sequence).Select(e => e.Target).ToListAsync();
    }
}
