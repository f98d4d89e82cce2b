using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Benchmarks;

/// <summary>
/// A real SMTP server on loopback for the mail benchmark: Debian's python3-aiosmtpd with its Sink handler, which
/// accepts every message and keeps none. Disposing kills the process.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", $"127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3 -m aiosmtpd.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await AcceptsAsync(port, timeout.Token))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd stopped (apt-get install python3-aiosmtpd): {await process.StandardError.ReadToEndAsync(timeout.Token)}");
            }
        }

        return new SmtpSink(process, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether the server takes a connection yet; a refused attempt waits for the next (the OS's connect timeout paces it).</summary>
    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            await Task.Yield();
            return false;
        }
    }
}
