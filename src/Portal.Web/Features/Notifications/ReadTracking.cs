using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>
/// "Clear gifs in HTML emails to let us know which emails have been opened" — only for people who allowed read
/// tracking. The image's address holds a signed token naming the person and the message; an opening is recorded only
/// while the person still allows it, so withdrawing consent stops the recording of mail already sent too.
/// </summary>
public sealed class ReadTracking(IDataProtectionProvider protection, WorkScopes workScopes, PortalLinks links, TimeProvider time)
{
    public const string Path = "email/open";

    /// <summary>A transparent 1×1 GIF.</summary>
    public static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private readonly IDataProtector protector = protection.CreateProtector("Portal.Notifications.Open.v1");

    /// <summary>The image address for this message, or null when the person has not allowed read tracking.</summary>
    public string? PixelUrl(MailRecipient recipient, string userId, Guid messageId) =>
        recipient.AllowsReadTracking
            ? links.To(Path, new Dictionary<string, string?> { ["t"] = SignedTokens.Seal(protector, userId, messageId.ToString("D")) })
            : null;

    /// <summary>Records an opening if the token is good and the person still allows it; true when recorded.</summary>
    public async Task<bool> RecordAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (Read(token) is not var (userId, messageId))
        {
            return false;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        if (!await AllowsAsync(db, userId) || await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisation)
        {
            return false;
        }

        using var entered = work.Enter(organisation);
        db.EmailOpens.Add(new EmailOpen { Id = Guid.CreateVersion7(), UserId = userId, MessageId = messageId, OpenedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> AllowsAsync(PortalDbContext db, string userId) =>
        await TenantClaims.NotificationPreferencesOf(db, userId).AnyAsync(p => p.AllowReadTracking && !p.LimitDataUse);

    private (string UserId, Guid MessageId)? Read(string? token) =>
        SignedTokens.Open(protector, token, 2) is { } parts && Guid.TryParse(parts[1], out var messageId) ? (parts[0], messageId) : null;
}
