using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Features.Partners;

namespace Portal.Tests.Partners;

/// <summary>Adding a partner as the demo PlatformAdmin, and giving a demo person a partner.</summary>
internal static class PartnerHarness
{
    public const string Admin = "admin@portal.test";

    public static PartnerForm Form(string slug = "acme-leads", string webhook = "https://hooks.acme-leads.test/portal") => new()
    {
        Name = "Acme Leads",
        Slug = slug,
        PrivacyPolicyUrl = "https://acme-leads.test/privacy",
        WebhookUrl = webhook,
    };

    public static async Task<(Guid Id, string Secret)> AddPartnerAsync(this PortalFactory factory, PartnerForm? form = null)
    {
        form ??= Form();
        using var scope = await factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        var (outcome, secret) = await scope.ServiceProvider.GetRequiredService<PartnerDirectory>().CreateAsync(form);
        outcome.ShouldBe(PartnerOutcome.Saved);
        await using var db = factory.CreateDbContext();
        return (await db.Partners.Where(p => p.Slug == form.Slug).Select(p => p.Id).SingleAsync(), secret!);
    }

    /// <summary>Records the person as having joined through the partner, with promotions on.</summary>
    public static async Task JoinedThroughAsync(this PortalFactory factory, string email, Guid partnerId)
    {
        await using var db = factory.CreateDbContext();
        await db.Users.Where(u => u.Email == email)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerId, partnerId).SetProperty(x => x.PromotionalEmailOptIn, true));
    }
}
