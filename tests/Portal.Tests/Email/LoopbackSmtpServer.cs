using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Portal.Tests.Email;

public sealed record ReceivedPart(string ContentType, string Content);

/// <summary>A message as the SMTP server received it, decoded by Python's email package.</summary>
public sealed record ReceivedMessage(string MailFrom, IReadOnlyList<string> RcptTos, string ContentType, IReadOnlyList<string[]> Headers, IReadOnlyList<ReceivedPart> Parts)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h[0], name, StringComparison.OrdinalIgnoreCase))?[1];

    public string Part(string contentType) => Parts.Single(p => p.ContentType == contentType).Content;
}

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd running smtp_capture.py, which reports the port it
/// listens on once it is ready and writes each accepted message to a folder. Disposing kills the process.
/// </summary>
public sealed class LoopbackSmtpServer : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Process _process;
    private readonly DirectoryInfo _directory;

    private LoopbackSmtpServer(Process process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("portal-smtp");
        var start = new ProcessStartInfo(Python())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Email", "smtp_capture.py"));
        start.ArgumentList.Add(directory.FullName);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();

        string? ready;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            ready = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            ready = null;
        }

        if (ready?.StartsWith("LISTENING ", StringComparison.Ordinal) != true)
        {
            Stop(process);
            directory.Delete(recursive: true);
            throw new InvalidOperationException(
                $"The loopback SMTP server did not start (is python3-aiosmtpd installed? ./test.sh installs it): {string.Join('\n', errors)}");
        }

        return new LoopbackSmtpServer(process, directory, int.Parse(ready["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<ReceivedMessage> Received() =>
        [.. _directory.EnumerateFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => JsonSerializer.Deserialize<ReceivedMessage>(File.ReadAllText(f.FullName), Json)!)];

    public void Dispose()
    {
        Stop(_process);
        _directory.Delete(recursive: true);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
    }

    /// <summary>Debian's interpreter, which sees Debian's python3-aiosmtpd even when another python3 is first on PATH.</summary>
    private static string Python() =>
        Environment.GetEnvironmentVariable("PORTAL_TEST_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3"
        : "python3";
}
