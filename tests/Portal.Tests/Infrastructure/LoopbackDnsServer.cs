using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A DNS server on a loopback UDP port that answers TXT questions from a table the test fills in (NXDOMAIN for
/// anything else), so domain verification runs its real lookups without leaving the machine.
/// </summary>
public sealed class LoopbackDnsServer : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, string> _txt = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackDnsServer() => _ = ServeAsync();

    public string Endpoint => ((IPEndPoint)_socket.Client.LocalEndPoint!).ToString();

    public void PublishTxt(string name, string value) => _txt[name] = value;

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Answer(request.Buffer) is { } response)
            {
                await _socket.SendAsync(response, request.RemoteEndPoint);
            }
        }
    }

    /// <summary>Echoes the question; one TXT answer when the table has the name, otherwise NXDOMAIN.</summary>
    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12)
        {
            return null;
        }

        var labels = new List<string>();
        var position = 12;
        while (position < query.Length && query[position] != 0)
        {
            int length = query[position];
            labels.Add(Encoding.ASCII.GetString(query, position + 1, length));
            position += length + 1;
        }

        var questionEnd = position + 5; // the zero label, QTYPE and QCLASS
        var found = _txt.TryGetValue(string.Join('.', labels), out var value);
        using var response = new MemoryStream();
        response.Write(query, 0, 2);
        response.Write([0x81, found ? (byte)0x80 : (byte)0x83, 0, 1, 0, found ? (byte)1 : (byte)0, 0, 0, 0, 0]);
        response.Write(query, 12, questionEnd - 12);
        if (found)
        {
            var text = Encoding.ASCII.GetBytes(value!);
            response.Write([0xC0, 0x0C, 0, 16, 0, 1, 0, 0, 0, 60, 0, (byte)(text.Length + 1), (byte)text.Length]);
            response.Write(text);
        }

        return response.ToArray();
    }
}
