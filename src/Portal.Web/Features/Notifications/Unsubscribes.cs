using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>What an unsubscribe link did, and the person's choices now, for the page that lets them adjust the rest.</summary>
public sealed record UnsubscribeView(EmailCategory Category, NotificationForm Choices);

/// <summary>
/// Unsubscribe links work signed out: the token proves the person and the category, the category goes off at once,
/// and the same token lets the page that follows turn that person's other email choices off — nothing else.
/// </summary>
public sealed class Unsubscribes(UnsubscribeTokens tokens, IServiceScopeFactory scopeFactory)
{
    public const string ByLink = "unsubscribe link";
    public const string ByOneClick = "one-click unsubscribe";

    /// <summary>Turns the link's category off; null for a link that is not valid (altered, too old, or its person gone).</summary>
    public async Task<UnsubscribeView?> ApplyAsync(string? token, string via = ByLink) =>
        tokens.Read(token) is { } grant
            ? await AsPersonAsync(grant, async settings =>
            {
                await settings.SetForAsync(grant.UserId, grant.Category, enabled: false, via);
                return new UnsubscribeView(grant.Category, await settings.GetForAsync(grant.UserId));
            })
            : null;

    /// <summary>
    /// Saves the other choices made on the page the link opened; null for a link that is not valid. A link is a bearer
    /// token that may be forwarded or replayed, so it only ever turns email off: anything that turns something on is refused.
    /// </summary>
    public async Task<NotificationChange?> SaveAsync(string? token, NotificationForm form) =>
        tokens.Read(token) is { } grant
            ? await AsPersonAsync<NotificationChange?>(grant, async settings => await settings.SaveFewerForAsync(grant.UserId, form, ByLink))
            : null;

    private async Task<T?> AsPersonAsync<T>(UnsubscribeGrant grant, Func<NotificationSettings, Task<T>> act)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        Guid? organisation;
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            organisation = await TenantClaims.FindOrganisationAsync(db, grant.UserId);
        }

        if (organisation is not { } id)
        {
            return default;
        }

        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(id);
        return await act(scope.ServiceProvider.GetRequiredService<NotificationSettings>());
    }
}
