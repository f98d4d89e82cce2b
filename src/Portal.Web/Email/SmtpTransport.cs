using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Web.Email;

/// <summary>
/// Delivers through an SMTP server with MailKit, as multipart text and HTML with the headers the outbox recorded. A
/// session connects once, sends its messages one after another on that connection, and says goodbye when disposed.
/// </summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options, IConfiguration configuration, TimeProvider time, ILogger<SmtpTransport> logger)
    : IEmailTransport
{
    private string? messageIdDomain;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var session = OpenSession();
        await session.SendAsync(message, cancellationToken);
    }

    public IEmailSession OpenSession() => new Session(this, options.Value, logger);

    /// <summary>
    /// The message as it goes out. Its Message-ID is made from the outbox id, so every attempt at one message carries
    /// the same one and a receiver can drop a repeat (delivery is at least once).
    /// </summary>
    internal MimeMessage Compose(OutboxMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = time.GetUtcNow(), MessageId = $"{message.Id:N}@{MessageIdDomain(from)}" };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        foreach (var (name, value) in OutboxHeaders.Read(message))
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    /// <summary>The portal's public host when <c>Portal:BaseUrl</c> names one, else the sender's domain.</summary>
    private string MessageIdDomain(MailboxAddress from) => messageIdDomain ??=
        Uri.TryCreate(configuration["Portal:BaseUrl"], UriKind.Absolute, out var baseUrl) && baseUrl.IdnHost.Length > 0 ? baseUrl.IdnHost
        : from.Domain is { Length: > 0 } domain ? domain
        : "portal";

    /// <summary>Whether the failure says the connection is gone rather than that the server refused this message.</summary>
    private static bool ConnectionLost(Exception exception) =>
        exception is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
            or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private sealed class Session(SmtpTransport transport, EmailOptions options, ILogger logger) : IEmailSession
    {
        private readonly SmtpOptions settings = options.Smtp;
        private readonly MailboxAddress from = MailboxAddress.Parse(options.From);
        private SmtpClient? client;

        public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            using var mime = transport.Compose(message, from);
            var reused = client is { IsConnected: true };
            try
            {
                await SendOnceAsync(mime, cancellationToken);
            }
            catch (Exception exception) when (reused && ConnectionLost(exception) && exception is not TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // The server closed the connection kept open since the last message (an idle limit, a restart):
                // once more on a new one. Were it closed after taking the message, it goes twice, with one Message-ID.
                logger.LogDebug(exception, "The SMTP connection was lost; sending outbox message {MessageId} on a new one.", message.Id);
                await SendOnceAsync(mime, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync(quit: true);

        private async Task SendOnceAsync(MimeMessage mime, CancellationToken cancellationToken)
        {
            try
            {
                var connected = client is { IsConnected: true } open ? open : await ConnectAsync(cancellationToken);
                await connected.SendAsync(mime, cancellationToken);
            }
            catch (Exception exception) when (exception is not SmtpCommandException || ConnectionLost(exception))
            {
                // After a refusal the server is ready for the next message; after anything else the connection's
                // state is unknown, so the next message starts on a new one.
                await CloseAsync(quit: false);
                throw;
            }
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            // MailKit leaves Nagle's algorithm on, so each message's last line would wait for the server's delayed
            // ACK (40 ms on Linux): the socket is made here, without it, and handed over connected.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var connecting = new SmtpClient { Timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1, int.MaxValue) };
            try
            {
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    deadline.CancelAfter(settings.Timeout);
                    try
                    {
                        await socket.ConnectAsync(settings.Host, settings.Port, deadline.Token);
                    }
                    catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException($"Connecting to the SMTP server {settings.Host}:{settings.Port} took longer than {settings.Timeout}.", exception);
                    }
                }

                await connecting.ConnectAsync(socket, settings.Host, settings.Port, settings.Security, cancellationToken);
                if (!string.IsNullOrEmpty(settings.UserName))
                {
                    await connecting.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
                }
            }
            catch
            {
                connecting.Dispose();
                socket.Dispose();
                throw;
            }

            return client = connecting;
        }

        private async Task CloseAsync(bool quit)
        {
            if (client is not { } closing)
            {
                return;
            }

            client = null;
            try
            {
                if (quit && closing.IsConnected)
                {
                    await closing.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception exception) when (ConnectionLost(exception) || exception is TimeoutException)
            {
                // What the session sent is sent; a goodbye the server did not hear changes nothing.
                logger.LogDebug(exception, "The SMTP server did not take the session's QUIT.");
            }
            finally
            {
                closing.Dispose();
            }
        }
    }
}
