using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Portal.Tests.Email;

public sealed record ReceivedPart(string ContentType, string Content);

/// <summary>A message as the SMTP server received it, parsed by MimeKit; <see cref="Connection"/> counts from 1.</summary>
public sealed record ReceivedMessage(
    string MailFrom, IReadOnlyList<string> RcptTos, string ContentType, IReadOnlyList<string[]> Headers, IReadOnlyList<ReceivedPart> Parts, int Connection)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h[0], name, StringComparison.OrdinalIgnoreCase))?[1];

    public string Part(string contentType) => Parts.Single(p => p.ContentType == contentType).Content;
}

/// <summary>How the loopback server behaves, beyond taking every message for every recipient but <c>refused@…</c>.</summary>
public sealed record SmtpServerBehaviour
{
    /// <summary>The server closes a connection, without a word, right after accepting this many messages on it.</summary>
    public int MessagesPerConnection { get; init; } = int.MaxValue;

    /// <summary>When set, the server offers AUTH PLAIN and takes mail only from a client that signed in with these.</summary>
    public (string UserName, string Password)? Credentials { get; init; }

    /// <summary>The server offers STARTTLS (and answers a request for it with 454: it has no certificate).</summary>
    public bool OffersStartTls { get; init; }

    /// <summary>The server accepts connections and never says a word.</summary>
    public bool Silent { get; init; }
}

/// <summary>
/// A small SMTP server on 127.0.0.1, in the test process, on a port the OS picks: it speaks enough of RFC 5321
/// (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT, pipelined or not) for a real client to deliver to it, keeps
/// every message it accepts, and counts the connections it was given. A message is kept before the server answers 250,
/// so it is there when the client's send returns.
/// </summary>
public sealed class LoopbackSmtpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMessage> _received = [];
    private readonly SmtpServerBehaviour _behaviour;
    private int _connections;
    private int _startTlsRequests;

    private LoopbackSmtpServer(SmtpServerBehaviour behaviour)
    {
        _behaviour = behaviour;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>How many connections clients opened.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many times a client asked to start TLS.</summary>
    public int StartTlsRequests => Volatile.Read(ref _startTlsRequests);

    public static Task<LoopbackSmtpServer> StartAsync(SmtpServerBehaviour? behaviour = null) =>
        Task.FromResult(new LoopbackSmtpServer(behaviour ?? new SmtpServerBehaviour()));

    public IReadOnlyList<ReceivedMessage> Received()
    {
        lock (_received)
        {
            return [.. _received];
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                if (_behaviour.Silent)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await new Conversation(this, stream, connection).RunAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: nothing more to say on this connection.
            }
        }
    }

    private void Keep(ReceivedMessage message)
    {
        lock (_received)
        {
            _received.Add(message);
        }
    }

    /// <summary>One connection's commands and answers. Latin-1 carries every byte of the data through unchanged.</summary>
    private sealed class Conversation(LoopbackSmtpServer server, NetworkStream stream, int connection)
    {
        private readonly StreamReader _reader = new(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false);
        private readonly StreamWriter _writer = new(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = false };
        private readonly List<string> _recipients = [];
        private string? _from;
        private bool _signedIn;
        private int _accepted;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await ReplyAsync("220 localhost ESMTP Portal test server");
            while (await _reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = (line.Split(' ', 2)[0]).ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(Extensions());
                        break;
                    case "HELO":
                        await ReplyAsync("250 localhost");
                        break;
                    case "STARTTLS":
                        Interlocked.Increment(ref server._startTlsRequests);
                        await ReplyAsync("454 4.7.0 TLS not available");
                        break;
                    case "AUTH":
                        await SignInAsync(argument, cancellationToken);
                        break;
                    case "MAIL":
                        await ReplyAsync(
                            server._behaviour.Credentials is not null && !_signedIn ? "530 5.7.0 Authentication required"
                            : _from is not null ? "503 5.5.1 Nested MAIL command"
                            : Path(argument, "FROM:") is { } from ? Accept(() => _from = from)
                            : "501 5.5.4 Syntax: MAIL FROM:<address>");
                        break;
                    case "RCPT":
                        await ReplyAsync(
                            _from is null ? "503 5.5.1 Need MAIL first"
                            : Path(argument, "TO:") is not { } to ? "501 5.5.4 Syntax: RCPT TO:<address>"
                            : to.StartsWith("refused@", StringComparison.OrdinalIgnoreCase) ? "550 5.1.1 No such mailbox here"
                            : Accept(() => _recipients.Add(to)));
                        break;
                    case "DATA":
                        if (_recipients.Count == 0)
                        {
                            await ReplyAsync("554 5.5.1 No valid recipients");
                            break;
                        }

                        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>");
                        server.Keep(Parse(await ReadDataAsync(cancellationToken)));
                        Reset();
                        await ReplyAsync("250 2.0.0 OK");
                        if (++_accepted >= server._behaviour.MessagesPerConnection)
                        {
                            return;
                        }

                        break;
                    case "RSET":
                        Reset();
                        await ReplyAsync("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await ReplyAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await ReplyAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await ReplyAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }

        private string Extensions()
        {
            var lines = new List<string> { "localhost", "PIPELINING", "8BITMIME", "SMTPUTF8" };
            if (server._behaviour.OffersStartTls)
            {
                lines.Add("STARTTLS");
            }

            if (server._behaviour.Credentials is not null)
            {
                lines.Add("AUTH PLAIN");
            }

            return string.Join("\r\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l));
        }

        private async Task SignInAsync(string argument, CancellationToken cancellationToken)
        {
            var parts = argument.Split(' ', 2);
            if (server._behaviour.Credentials is not { } expected || !parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                await ReplyAsync("504 5.5.4 Unrecognized authentication type");
                return;
            }

            var response = parts.Length > 1 ? parts[1] : null;
            if (response is null)
            {
                await ReplyAsync("334 ");
                response = await _reader.ReadLineAsync(cancellationToken) ?? "";
            }

            // PLAIN is "authorization id NUL user name NUL password" in base64.
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            _signedIn = fields.Length == 3 && fields[1] == expected.UserName && fields[2] == expected.Password;
            await ReplyAsync(_signedIn ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
        }

        private async Task<byte[]> ReadDataAsync(CancellationToken cancellationToken)
        {
            var data = new StringBuilder();
            while (await _reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
            {
                // A line the client began with a dot was given one more (RFC 5321 4.5.2).
                data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }

            return Encoding.Latin1.GetBytes(data.ToString());
        }

        private ReceivedMessage Parse(byte[] data)
        {
            using var message = MimeMessage.Load(new MemoryStream(data));
            return new ReceivedMessage(_from!, [.. _recipients], message.Body?.ContentType.MimeType ?? "text/plain",
                [.. message.Headers.Select(h => new[] { h.Field, h.Value })],
                [.. message.BodyParts.OfType<TextPart>().Select(p => new ReceivedPart(p.ContentType.MimeType, p.Text))],
                connection);
        }

        private void Reset()
        {
            _from = null;
            _recipients.Clear();
        }

        private async Task ReplyAsync(string reply)
        {
            await _writer.WriteLineAsync(reply);
            await _writer.FlushAsync();
        }

        private static string Accept(Action action)
        {
            action();
            return "250 2.1.0 OK";
        }

        /// <summary>The address in <c>FROM:&lt;address&gt; [parameters]</c>; null when it is not written so.</summary>
        private static string? Path(string argument, string prefix)
        {
            if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var rest = argument[prefix.Length..].TrimStart();
            var end = rest.IndexOf('>', StringComparison.Ordinal);
            return rest.StartsWith('<') && end > 0 ? rest[1..end] : null;
        }
    }
}
