using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Portal.Tests.Architecture;

public sealed class PageAuthorizationTests
{
    [Fact]
    public void Every_page_declares_a_policy_or_is_explicitly_anonymous()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Length > 0)
            .ToList();

        var undeclared = pages
            .Where(t => !t.IsDefined(typeof(AllowAnonymousAttribute), inherit: true)
                && !t.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>().Any(a => a.Policy is not null))
            .Where(t => t.Namespace?.StartsWith("Portal.Web.Account", StringComparison.Ordinal) != true)
            .Select(t => t.FullName)
            .ToList();

        pages.Count.ShouldBeGreaterThan(5);
        undeclared.ShouldBeEmpty("Pages must declare [Authorize(Policy = ...)] or [AllowAnonymous]");
    }
}
