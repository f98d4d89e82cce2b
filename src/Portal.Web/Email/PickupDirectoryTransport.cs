using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Portal.Web.Email;

/// <summary>A message as the pickup transport stores it, one JSON file each, read back by the development mailbox.</summary>
public sealed record PickedUpMessage(Guid Id, string From, string To, string Subject, string Html, string Text, IReadOnlyDictionary<string, string> Headers, DateTime DeliveredAt);

/// <summary>The embedded default transport: writes each message to a file instead of sending it.</summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time) : IEmailTransport
{
    public string Directory => Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var picked = new PickedUpMessage(message.Id, options.Value.From, message.To, message.Subject, message.HtmlBody, message.TextBody,
            OutboxHeaders.Read(message), time.GetUtcNow().UtcDateTime);
        var path = Path.Combine(Directory, $"{message.Id:N}.json");
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(picked), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public IReadOnlyList<PickedUpMessage> List() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(file => JsonSerializer.Deserialize<PickedUpMessage>(File.ReadAllText(file))!)
            .OrderByDescending(m => m.DeliveredAt)];

    public PickedUpMessage? Find(Guid id)
    {
        var path = Path.Combine(Directory, $"{id:N}.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<PickedUpMessage>(File.ReadAllText(path)) : null;
    }
}
