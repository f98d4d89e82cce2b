using Portal.Web.Data;
using Portal.Web.Email.Templates;

namespace Portal.Web.Email;

/// <summary>
/// Short account and security notices ("your password was changed"): rendered into the outbox in the caller's
/// transaction, in the transactional category the recipient cannot turn off.
/// </summary>
public sealed class AccountNotices(EmailRenderer renderer, Outbox outbox)
{
    public async Task AddAsync(PortalDbContext db, string to, string name, string subject, IReadOnlyList<string> paragraphs, string? linkText = null, string? link = null)
    {
        var email = await renderer.RenderAsync<AccountNoticeMessage>(subject, new Dictionary<string, object?>
        {
            [nameof(AccountNoticeMessage.Name)] = name,
            [nameof(AccountNoticeMessage.Lines)] = paragraphs,
            [nameof(AccountNoticeMessage.LinkText)] = linkText,
            [nameof(AccountNoticeMessage.Link)] = link,
        });
        outbox.Add(db, to, email, EmailCategory.AccountSecurity);
    }
}
