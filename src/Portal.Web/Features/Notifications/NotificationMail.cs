using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// The one send path for mail to a person by category. It reads the person once and asks <see cref="NotificationSettings.MayReceive"/>
/// first, writes in the person's own language, and gives every optional message a signed one-click unsubscribe link
/// and RFC 8058's <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers; transactional mail carries neither.
/// Only people who allowed read tracking get the tracking image (<see cref="ReadTracking"/>).
/// </summary>
public sealed class NotificationMail(EmailRenderer renderer, Outbox outbox, UnsubscribeTokens tokens, ReadTracking tracking, PortalLinks links, IStringLocalizer<Strings> localizer)
{
    public const string OneClickPath = "unsubscribe/one-click";
    public const string UnsubscribePath = "unsubscribe";

    /// <summary>Adds the message to the caller's context, or nothing when the person may not receive it; true when added.</summary>
    public async Task<bool> AddAsync<TTemplate>(PortalDbContext db, string userId, EmailCategory category, Func<string> subject, IDictionary<string, object?> parameters)
        where TTemplate : IComponent
    {
        if (await TenantClaims.MailRecipientAsync(db, userId) is not { Email: not null } person || !NotificationSettings.MayReceive(person, category))
        {
            return false;
        }

        var language = person.Language;
        var culture = Localization.SupportedCultures.FirstOrDefault(c =>
            string.Equals(c.Name, language, StringComparison.OrdinalIgnoreCase) || string.Equals(c.TwoLetterISOLanguageName, language, StringComparison.OrdinalIgnoreCase))
            ?? CultureInfo.CurrentUICulture;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            IReadOnlyDictionary<string, string>? headers = null;
            EmailFooter? footer = null;
            if (!category.IsTransactional())
            {
                var token = tokens.Create(userId, category);
                var query = new Dictionary<string, string?> { ["token"] = token };
                var oneClick = links.To(OneClickPath, query);
                headers = new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = $"<{oneClick}>",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                };
                footer = new EmailFooter(localizer["Email_FooterReason", localizer[$"Category_{category}"]], localizer["Email_Unsubscribe"],
                    links.To(UnsubscribePath, query), localizer["Email_Settings"], links.To("account/notifications", new Dictionary<string, string?>()));
            }

            var messageId = Guid.CreateVersion7();
            var pixel = tracking.PixelUrl(person, userId, messageId);
            var email = await renderer.RenderAsync<TTemplate>(subject(), parameters, culture, footer, pixel);
            outbox.Add(db, person.Email, email, category, headers, messageId);
            return true;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
