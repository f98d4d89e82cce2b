using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Email.Templates;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Shared;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Notifications;

/// <summary>What a PlatformAdmin writes; validated again by <see cref="Announcements"/>.</summary>
public sealed class AnnouncementForm
{
    public EmailCategory Category { get; set; } = EmailCategory.ServiceAnnouncement;

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(200, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [SingleLine(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_SingleLine))]
    [Display(Name = nameof(Strings.Announcement_Subject), ResourceType = typeof(Strings))]
    public string Subject { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(20000, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Announcement_Body), ResourceType = typeof(Strings))]
    public string Body { get; set; } = "";

    public AnnouncementAudience Audience { get; set; }

    public Guid? OrganisationId { get; set; }

    public OrganisationRole? Role { get; set; }
}

public enum AnnouncementOutcome
{
    Queued,
    TestSent,
    Invalid,
    SendingLimit,
}

public sealed record AnnouncementProgress(Guid Id, string Subject, EmailCategory Category, int Expected, int Done, DateTime? QueuedAt, DateTime? CompletedAt);

/// <summary>
/// Service announcements and newsletters written by a PlatformAdmin — or, for service announcements to their own
/// members, an organisation's Owner (<see cref="AnnounceHandler"/>) — in Markdown: previewed, sent as a test to the
/// writer, counted after everyone's preferences, then queued for <see cref="AnnouncementSender"/>, which sends each
/// recipient one message and survives restarts. Bodies are rendered by <see cref="MarkdownRenderer"/>.
/// </summary>
public sealed class Announcements(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AccessChangeGuard accessChanges,
    AuditLog audit,
    EmailRenderer renderer,
    Outbox outbox,
    PortalLinks links,
    TimeProvider time,
    OrganisationSendingLimit sending)
{
    public static readonly IReadOnlyList<EmailCategory> Categories = [EmailCategory.ServiceAnnouncement, EmailCategory.Newsletter];

    /// <summary>How many people would receive it now, after their preferences; null when the form is not valid.</summary>
    public async Task<int?> CountAsync(AnnouncementForm form)
    {
        await EnsureMayAnnounceAsync(form);
        if (!IsValid(form))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AnnouncementAudience(Draft(form)).CountAsync();
    }

    /// <summary>Sends the message to the writer alone, marked as a test, whatever their own preferences.</summary>
    public async Task<AnnouncementOutcome> SendTestAsync(AnnouncementForm form)
    {
        await EnsureMayAnnounceAsync(form);
        if (!IsValid(form))
        {
            return AnnouncementOutcome.Invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var me = await db.Users.Where(u => u.Id == currentUser.UserId).Select(u => u.Email).SingleAsync();
        var email = await renderer.RenderAsync<AnnouncementMessage>($"[Test] {form.Subject.Trim()}",
            new Dictionary<string, object?> { [nameof(AnnouncementMessage.Html)] = MarkdownRenderer.ToHtml(form.Body) });
        outbox.Add(db, me!, email, EmailCategory.AccountSecurity);
        await db.SaveChangesAsync();
        return AnnouncementOutcome.TestSent;
    }

    /// <summary>Queues the announcement for sending; audited with the audience counted at that moment.</summary>
    public async Task<(AnnouncementOutcome Outcome, Guid? Id)> QueueAsync(AnnouncementForm form)
    {
        await EnsureMayAnnounceAsync(form);
        if (!IsValid(form))
        {
            return (AnnouncementOutcome.Invalid, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var announcement = Draft(form);
        announcement.QueuedAt = announcement.CreatedAt;
        announcement.Expected = await db.AnnouncementAudience(announcement).CountAsync();
        if (!await AnnouncesToEveryoneAsync() && !await sending.AllowsAsync(db, announcement.OrganisationId ?? Guid.Empty, announcement.Expected))
        {
            return (AnnouncementOutcome.SendingLimit, null);
        }

        announcement.LinkBase = links.Base;
        db.Announcements.Add(announcement);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.AnnouncementQueued, OrganisationId: announcement.OrganisationId,
            Target: $"{announcement.Category}: {announcement.Subject} ({announcement.Expected} recipients)"));
        return (AnnouncementOutcome.Queued, announcement.Id);
    }

    /// <summary>Organisations to address, by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> OrganisationsAsync()
    {
        await EnsureAnnouncerAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var own = await AnnouncesToEveryoneAsync() ? (Guid?)null : OwnOrganisation;
        var rows = await db.Organisations.Where(o => own == null || o.Id == own).OrderBy(o => o.Name).Take(500).Select(o => new { o.Id, o.Name }).ToListAsync();
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    public async Task<AnnouncementProgress?> ProgressAsync(Guid id)
    {
        await EnsureAnnouncerAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Progress(db, (await VisibleAsync(db)).Where(a => a.Id == id)).FirstOrDefaultAsync();
    }

    public async Task<IReadOnlyList<AnnouncementProgress>> RecentAsync()
    {
        await EnsureAnnouncerAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await Progress(db, (await VisibleAsync(db)).OrderByDescending(a => a.CreatedAt).Take(20)).ToListAsync();
    }

    /// <summary>
    /// Whether the writer announces anything to anyone, without the organisation's sending limit (a PlatformAdmin),
    /// rather than service announcements to their own members (an Owner).
    /// </summary>
    public async Task<bool> AnnouncesToEveryoneAsync() => (await authorization.AuthorizeAsync(currentUser.Principal, Policies.PlatformAdmin)).Succeeded;

    /// <summary>The writer's own organisation: an Owner's only audience.</summary>
    public Guid? OwnOrganisation => currentUser.OrganisationId;

    /// <summary>A PlatformAdmin follows every announcement; an Owner only their own.</summary>
    private async Task<IQueryable<Announcement>> VisibleAsync(PortalDbContext db)
    {
        var me = currentUser.UserId;
        return await AnnouncesToEveryoneAsync() ? db.Announcements : db.Announcements.Where(a => a.CreatedById == me);
    }

    private static IQueryable<AnnouncementProgress> Progress(PortalDbContext db, IQueryable<Announcement> announcements) =>
        announcements.Select(a => new AnnouncementProgress(a.Id, a.Subject, a.Category, a.Expected,
            db.AnnouncementDeliveries.Count(d => d.AnnouncementId == a.Id), a.QueuedAt, a.CompletedAt));

    private Announcement Draft(AnnouncementForm form) => new()
    {
        Id = Guid.CreateVersion7(),
        Category = form.Category,
        Subject = form.Subject.Trim(),
        Body = form.Body,
        Audience = form.Audience,
        OrganisationId = form.Audience == AnnouncementAudience.Organisation ? form.OrganisationId : null,
        Role = form.Audience == AnnouncementAudience.Role ? form.Role : null,
        CreatedById = currentUser.UserId ?? "",
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    private static bool IsValid(AnnouncementForm form) =>
        Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true)
        && !string.IsNullOrWhiteSpace(form.Subject) && !string.IsNullOrWhiteSpace(form.Body)
        && Categories.Contains(form.Category) && Enum.IsDefined(form.Audience)
        && (form.Audience != AnnouncementAudience.Organisation || form.OrganisationId is not null)
        && (form.Audience != AnnouncementAudience.Role || form.Role is { } role && Enum.IsDefined(role));

    private Task EnsureAnnouncerAsync() => authorization.RequireAsync(currentUser.Principal, Policies.Announcer, "Only platform admins and organisation owners send announcements.");

    private async Task EnsureMayAnnounceAsync(AnnouncementForm form)
    {
        var target = new AnnouncementTarget(form.Category, form.Audience, form.Audience == AnnouncementAudience.Organisation ? form.OrganisationId : null);
        if (!await accessChanges.AllowsAsync(target, AnnouncementOperations.Announce))
        {
            throw new UnauthorizedAccessException("This announcement is not yours to send: Owners send service announcements to their own members.");
        }
    }
}
