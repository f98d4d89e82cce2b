using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

/// <summary>Delivers through an SMTP server with System.Net.Mail, as multipart text and HTML.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = new MailMessage { From = new MailAddress(settings.From), Subject = message.Subject, Body = message.TextBody };
        mail.To.Add(message.To);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, null, MediaTypeNames.Text.Html));
        mail.Headers.Add("Message-ID", $"<{message.Id:N}@portal>");
        foreach (var (name, value) in OutboxHeaders.Read(message))
        {
            mail.Headers.Add(name, value);
        }

        using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.EnableSsl,

            // Well inside half a lease, so a send never outlives the lease it started under.
            Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}
