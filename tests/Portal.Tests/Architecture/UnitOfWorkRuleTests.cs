namespace Portal.Tests.Architecture;

/// <summary>
/// Units of work come from <c>WorkScopes</c>, which always carries the caller; nobody else creates a scope (whose caller
/// would be anonymous) or resolves services by hand.
/// </summary>
public sealed class UnitOfWorkRuleTests
{
    private static readonly string[] Forbidden = ["CreateAsyncScope(", "CreateScope(", "GetRequiredService<", "GetService<", "GetRequiredService(typeof", "GetService(typeof"];

    /// <summary>The places that may, and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Tenancy/WorkScope.cs"] = "the unit of work itself",
        ["Tenancy/WorkScopes.cs"] = "where units of work begin",
        ["PortalWeb.cs"] = "composition root",
        ["Data/DatabaseInitializer.cs"] = "start-up, before any request",
        ["Audit/AuditCommand.cs"] = "the command-line entry point",
        ["Data/DatabaseXmlRepository.cs"] = "data protection's key store: a synchronous singleton the framework calls",
        ["Account/IdentityEndpoints.cs"] = "an endpoint filter, handed the request's services",
        ["Authorization/StaffAreaRefusals.cs"] = "an authorization result handler, handed the request's services",
        ["Features/Security/SessionCookieValidator.cs"] = "a cookie event, handed the request's services",
        ["Features/Profiles/ProfileForm.cs"] = "a validation rule, handed the validation context's services",
        ["Features/Partners/PartnerWebhookTransport.cs"] = "the HTTP handler factory callback, handed the container",
    };

    [Fact]
    public void Only_work_scopes_create_scopes_or_resolve_services()
    {
        var web = Path.Combine(SourceTree.RepositoryRoot(), "src", "Portal.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Where(f => !Allowed.ContainsKey(f) && !f.EndsWith("ServiceCollectionExtensions.cs", StringComparison.Ordinal))
            .Where(f => Forbidden.Any(File.ReadAllText(Path.Combine(web, f)).Contains))
            .ToList();

        offenders.ShouldBeEmpty("begin a unit of work with WorkScopes.Begin() (or BeginAsSystem for background work) and use what it exposes");
    }

    [Fact]
    public void Every_allowed_place_still_needs_it()
    {
        var web = Path.Combine(SourceTree.RepositoryRoot(), "src", "Portal.Web");
        var stale = Allowed.Keys.Where(f => !File.Exists(Path.Combine(web, f)) || !Forbidden.Any(File.ReadAllText(Path.Combine(web, f)).Contains)).ToList();
        stale.ShouldBeEmpty("remove places from the allow-list that no longer create scopes or resolve services");
    }
}
