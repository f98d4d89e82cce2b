using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>What the person chooses on the preference centre. Locked categories have no field: they cannot be chosen.</summary>
public sealed class NotificationForm
{
    public bool Newsletter { get; set; }

    public bool ProductTips { get; set; }

    public bool Promotions { get; set; }

    public bool PartnerOffers { get; set; }

    public bool ActivityUpdates { get; set; }

    public DigestFrequency Digest { get; set; }

    public bool AllowReadTracking { get; set; }

    public bool LimitDataUse { get; set; }

    /// <summary>A copy to edit, so that the choices it was loaded with stay as they were.</summary>
    public NotificationForm Copy() => (NotificationForm)MemberwiseClone();
}

public enum NotificationChange
{
    Saved,
    Unchanged,

    /// <summary>A category the person cannot turn off, or a value that does not exist.</summary>
    Refused,
}

/// <summary>The categories of email, in the order the preference centre shows them.</summary>
public static class NotificationCatalogue
{
    /// <summary>Part of having an account: shown with the reason, and closing the account as the way out.</summary>
    public static readonly IReadOnlyList<EmailCategory> Locked =
        [EmailCategory.AccountSecurity, EmailCategory.ServiceAnnouncement, EmailCategory.Receipts, EmailCategory.SupportReplies];

    /// <summary>The person's to choose; promotional ones start off (<see cref="IsPromotional"/>).</summary>
    public static readonly IReadOnlyList<EmailCategory> Optional =
        [EmailCategory.Newsletter, EmailCategory.ProductTips, EmailCategory.Promotional, EmailCategory.PartnerOffers, EmailCategory.ActivityUpdates, EmailCategory.Digest];

    public static bool IsPromotional(EmailCategory category) =>
        category is EmailCategory.Newsletter or EmailCategory.ProductTips or EmailCategory.Promotional or EmailCategory.PartnerOffers;
}

/// <summary>
/// The signed-in person's preference centre, and the one decision every optional email goes through: may this person
/// receive this category now? Transactional mail always goes; optional mail goes only to the confirmed address of an
/// active account whose owner chose it and has not limited the use of their data. Every change is audited and shows in the person's history.
/// </summary>
public sealed class NotificationSettings(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, AuditLog audit, Partners.PartnerOptOuts partnerOptOuts, TimeProvider time)
{
    private static readonly System.Reflection.PropertyInfo[] FormProperties = typeof(NotificationForm).GetProperties();

    public async Task<NotificationForm> GetMineAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await GetForAsync(db, MyId());
    }

    public async Task<NotificationChange> SaveMineAsync(NotificationForm form)
    {
        if (!Enum.IsDefined(form.Digest))
        {
            return NotificationChange.Refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await ChangeAsync(db, MyId(), _ => form, via: null);
    }

    /// <summary>Turns one category on or off; a locked category is refused.</summary>
    public async Task<NotificationChange> SetMineAsync(EmailCategory category, bool enabled)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await SetForAsync(db, MyId(), category, enabled, via: null);
    }

    /// <summary>The person's choices; <paramref name="userId"/> is the signed-in person or one proved by an unsubscribe link.</summary>
    internal static async Task<NotificationForm> GetForAsync(PortalDbContext db, string userId)
    {
        var (preferences, promotions) = await ReadAsync(db, userId);
        return ToForm(preferences, promotions);
    }

    /// <summary>
    /// The choices an unsubscribe link's page saves: it may only turn categories off or make the digest rarer. Turning
    /// anything on, read tracking included, is refused; the limit on the use of data can be set there but never lifted.
    /// </summary>
    internal async Task<NotificationChange> SaveFewerForAsync(PortalDbContext db, string userId, NotificationForm form, string via) =>
        Enum.IsDefined(form.Digest)
            ? await ChangeAsync(db, userId, current => Fewer(current, form), via)
            : NotificationChange.Refused;

    internal async Task<NotificationChange> SetForAsync(PortalDbContext db, string userId, EmailCategory category, bool enabled, string? via) =>
        NotificationCatalogue.Optional.Contains(category)
            ? await ChangeAsync(db, userId, current => With(current, category, enabled), via)
            : NotificationChange.Refused;

    /// <summary>Whether an email of this category may go to the person now; the send path asks before every message.</summary>
    public static async Task<bool> MayReceiveAsync(PortalDbContext db, string userId, EmailCategory category) =>
        await TenantClaims.MailRecipientAsync(db, userId) is { } recipient && MayReceive(recipient, category);

    /// <summary>
    /// Transactional mail always goes. Optional mail goes only to a confirmed address (an unconfirmed one may be
    /// someone else's) of an active account whose owner chose the category and did not limit the use of their data.
    /// </summary>
    public static bool MayReceive(MailRecipient recipient, EmailCategory category)
    {
        if (category.IsTransactional())
        {
            return true;
        }

        var preferences = recipient.Preferences ?? new NotificationPreferences();
        return recipient.Active && recipient.EmailConfirmed && !preferences.LimitDataUse && IsOn(ToForm(preferences, recipient.Promotions), category);
    }

    public static bool IsOn(NotificationForm form, EmailCategory category) => category switch
    {
        EmailCategory.Newsletter => form.Newsletter,
        EmailCategory.ProductTips => form.ProductTips,
        EmailCategory.Promotional => form.Promotions,
        EmailCategory.PartnerOffers => form.PartnerOffers,
        EmailCategory.ActivityUpdates => form.ActivityUpdates,
        EmailCategory.Digest => form.Digest != DigestFrequency.Off,
        _ => category.IsTransactional(),
    };

    private async Task<NotificationChange> ChangeAsync(PortalDbContext db, string userId, Func<NotificationForm, NotificationForm?> change, string? via)
    {
        var (preferences, _) = await ReadAsync(db, userId);
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var current = ToForm(preferences, user.PromotionalEmailOptIn);
        if (change(current) is not { } wanted)
        {
            return NotificationChange.Refused;
        }

        if (wanted.LimitDataUse)
        {
            // Limiting the use of one's data keeps every optional category off, and no tracking, until it is lifted.
            wanted = new NotificationForm { LimitDataUse = true, Digest = DigestFrequency.Off };
        }

        var changed = Changed(current, wanted);
        if (changed.Count == 0)
        {
            return NotificationChange.Unchanged;
        }

        if (db.Entry(preferences).State == EntityState.Detached)
        {
            db.NotificationPreferences.Add(preferences);
        }

        preferences.Newsletter = wanted.Newsletter;
        preferences.ProductTips = wanted.ProductTips;
        preferences.PartnerOffers = wanted.PartnerOffers;
        preferences.ActivityUpdates = wanted.ActivityUpdates;
        preferences.Digest = wanted.Digest;
        preferences.AllowReadTracking = wanted.AllowReadTracking;
        preferences.LimitDataUse = wanted.LimitDataUse;
        preferences.UpdatedAt = time.GetUtcNow().UtcDateTime;
        user.PromotionalEmailOptIn = wanted.Promotions;
        List<AuditRecord> events = [new(AuditActions.NotificationsChanged, SubjectId: userId, Target: via, ChangedFields: changed)];
        if (current.Promotions && !wanted.Promotions && await partnerOptOuts.AddAsync(db, user) is { } told)
        {
            // Whoever registered through a partner has the partner told, in this same transaction, to stop its messages too.
            events.Add(told);
        }

        await audit.AppendManyAsync(db, events);
        return NotificationChange.Saved;
    }

    private static async Task<(NotificationPreferences Preferences, bool Promotions)> ReadAsync(PortalDbContext db, string userId)
    {
        var preferences = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.UserId == userId) ?? new NotificationPreferences { UserId = userId };
        var promotions = await db.Users.Where(u => u.Id == userId).Select(u => u.PromotionalEmailOptIn).SingleAsync();
        return (preferences, promotions);
    }

    private static NotificationForm ToForm(NotificationPreferences p, bool promotions) => new()
    {
        Newsletter = p.Newsletter,
        ProductTips = p.ProductTips,
        Promotions = promotions,
        PartnerOffers = p.PartnerOffers,
        ActivityUpdates = p.ActivityUpdates,
        Digest = p.Digest,
        AllowReadTracking = p.AllowReadTracking,
        LimitDataUse = p.LimitDataUse,
    };

    private static NotificationForm With(NotificationForm form, EmailCategory category, bool on) => new()
    {
        Newsletter = category == EmailCategory.Newsletter ? on : form.Newsletter,
        ProductTips = category == EmailCategory.ProductTips ? on : form.ProductTips,
        Promotions = category == EmailCategory.Promotional ? on : form.Promotions,
        PartnerOffers = category == EmailCategory.PartnerOffers ? on : form.PartnerOffers,
        ActivityUpdates = category == EmailCategory.ActivityUpdates ? on : form.ActivityUpdates,
        Digest = category == EmailCategory.Digest ? (on ? DigestFrequency.Weekly : DigestFrequency.Off) : form.Digest,
        AllowReadTracking = form.AllowReadTracking,
        LimitDataUse = form.LimitDataUse,
    };

    /// <summary>The form's choices when each only turns something off; null when any would turn something on.</summary>
    private static NotificationForm? Fewer(NotificationForm current, NotificationForm form)
    {
        static bool TurnsOn(bool now, bool asked) => asked && !now;
        if (TurnsOn(current.Newsletter, form.Newsletter) || TurnsOn(current.ProductTips, form.ProductTips) || TurnsOn(current.Promotions, form.Promotions)
            || TurnsOn(current.PartnerOffers, form.PartnerOffers) || TurnsOn(current.ActivityUpdates, form.ActivityUpdates)
            || TurnsOn(current.AllowReadTracking, form.AllowReadTracking) || Rank(form.Digest) > Rank(current.Digest))
        {
            return null;
        }

        // The page shows neither read tracking nor the limit, so their absence from the post is no choice.
        return new NotificationForm
        {
            Newsletter = form.Newsletter,
            ProductTips = form.ProductTips,
            Promotions = form.Promotions,
            PartnerOffers = form.PartnerOffers,
            ActivityUpdates = form.ActivityUpdates,
            Digest = form.Digest,
            AllowReadTracking = current.AllowReadTracking,
            LimitDataUse = current.LimitDataUse || form.LimitDataUse,
        };
    }

    /// <summary>How often a digest comes: weekly is more than monthly.</summary>
    private static int Rank(DigestFrequency digest) => digest switch
    {
        DigestFrequency.Weekly => 2,
        DigestFrequency.Monthly => 1,
        _ => 0,
    };

    /// <summary>The names of the choices that differ, for the audit event.</summary>
    private static List<string> Changed(NotificationForm before, NotificationForm after) =>
        [.. FormProperties.Where(p => !Equals(p.GetValue(before), p.GetValue(after))).Select(p => p.Name)];

    private string MyId() => currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
}
