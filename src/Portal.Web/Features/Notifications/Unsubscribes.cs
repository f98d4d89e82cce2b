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
public sealed class Unsubscribes(UnsubscribeTokens tokens, WorkScopes workScopes, NotificationSettings settings)
{
    public const string ByLink = "unsubscribe link";
    public const string ByOneClick = "one-click unsubscribe";

    /// <summary>Turns the link's category off; null for a link that is not valid (altered, too old, or its person gone).</summary>
    public async Task<UnsubscribeView?> ApplyAsync(string? token, string via = ByLink) =>
        tokens.Read(token) is { } grant
            ? await AsPersonAsync(grant, async db =>
            {
                await settings.SetForAsync(db, grant.UserId, grant.Category, enabled: false, via);
                return new UnsubscribeView(grant.Category, await NotificationSettings.GetForAsync(db, grant.UserId));
            })
            : null;

    /// <summary>
    /// Saves the other choices made on the page the link opened; null for a link that is not valid. A link is a bearer
    /// token that may be forwarded or replayed, so it only ever turns email off: anything that turns something on is refused.
    /// </summary>
    public async Task<NotificationChange?> SaveAsync(string? token, NotificationForm form) =>
        tokens.Read(token) is { } grant
            ? await AsPersonAsync<NotificationChange?>(grant, async db => await settings.SaveFewerForAsync(db, grant.UserId, form, ByLink))
            : null;

    /// <summary>Acts in the organisation of the person the link names.</summary>
    private async Task<T?> AsPersonAsync<T>(UnsubscribeGrant grant, Func<PortalDbContext, Task<T>> act)
    {
        await using var work = workScopes.Begin();
        if (await TenantClaims.FindOrganisationAsync(work.Db, grant.UserId) is not { } id)
        {
            return default;
        }

        using var entered = work.Enter(id);
        return await act(work.Db);
    }
}
