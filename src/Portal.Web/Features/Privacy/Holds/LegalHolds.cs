using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Privacy;

public sealed class LegalHoldForm
{
    [Required(ErrorMessageResourceType = typeof(Resources.Strings), ErrorMessageResourceName = nameof(Resources.Strings.Validation_Required))]
    [StringLength(LegalHold.ReasonLength, ErrorMessageResourceType = typeof(Resources.Strings), ErrorMessageResourceName = nameof(Resources.Strings.Validation_TooLong))]
    [Display(Name = nameof(Resources.Strings.Hold_Reason), ResourceType = typeof(Resources.Strings))]
    public string Reason { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Resources.Strings), ErrorMessageResourceName = nameof(Resources.Strings.Validation_Required))]
    [StringLength(LegalHold.ReferenceLength, ErrorMessageResourceType = typeof(Resources.Strings), ErrorMessageResourceName = nameof(Resources.Strings.Validation_TooLong))]
    [Display(Name = nameof(Resources.Strings.Hold_Reference), ResourceType = typeof(Resources.Strings))]
    public string Reference { get; set; } = "";

    [Display(Name = nameof(Resources.Strings.Hold_EndsOn), ResourceType = typeof(Resources.Strings))]
    public DateTime? EndsOn { get; set; }
}

public sealed record LegalHoldView(Guid Id, string Reason, string Reference, DateTime PlacedAt, DateTime? EndsAt);

public enum LegalHoldOutcome
{
    Placed,
    Lifted,
    Invalid,
    NotFound,
}

/// <summary>
/// Portal's support placing and lifting legal holds on a person (<see cref="LegalHoldOperations"/>). A hold changes
/// nothing the person sees; it keeps their information, archived, past their account's deletion until it is lifted or
/// ends. Each placing and lifting is audited on the person.
/// </summary>
public sealed class LegalHolds(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, IAuthorizationService authorization, AuditLog audit, TimeProvider time)
{
    /// <summary>The holds in force on the person, newest first.</summary>
    public async Task<IReadOnlyList<LegalHoldView>> InForceAsync(string userId)
    {
        await EnsureAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = Now;
        return await InForce(db, now).Where(h => h.UserId == userId).OrderByDescending(h => h.PlacedAt)
            .Select(h => new LegalHoldView(h.Id, h.Reason, h.Reference, h.PlacedAt, h.EndsAt)).ToListAsync();
    }

    public async Task<LegalHoldOutcome> PlaceAsync(string userId, LegalHoldForm form)
    {
        await EnsureAsync();
        var now = Now;
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true)
            || string.IsNullOrWhiteSpace(form.Reason) || string.IsNullOrWhiteSpace(form.Reference) || form.EndsOn?.Date <= now.Date)
        {
            return LegalHoldOutcome.Invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Users.AnyAsync(u => u.Id == userId))
        {
            return LegalHoldOutcome.NotFound;
        }

        db.LegalHolds.Add(new LegalHold
        {
            Id = Guid.CreateVersion7(), UserId = userId, Reason = form.Reason.Trim(), Reference = form.Reference.Trim(),
            PlacedById = currentUser.UserId!, PlacedAt = now, EndsAt = form.EndsOn is { } ends ? DateTime.SpecifyKind(ends.Date, DateTimeKind.Utc) : null,
        });
        await audit.AppendAsync(db, Event(AuditActions.LegalHoldPlaced, userId, form.Reference.Trim()));
        return LegalHoldOutcome.Placed;
    }

    public async Task<LegalHoldOutcome> LiftAsync(Guid holdId)
    {
        await EnsureAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == holdId && h.LiftedAt == null);
        if (hold is null)
        {
            return LegalHoldOutcome.NotFound;
        }

        hold.LiftedAt = Now;
        hold.LiftedById = currentUser.UserId;
        await audit.AppendAsync(db, Event(AuditActions.LegalHoldLifted, hold.UserId, hold.Reference));
        return LegalHoldOutcome.Lifted;
    }

    /// <summary>
    /// An event about a hold or the archive it keeps. A hold may be confidential, so the event names neither the person
    /// nor their organisation: no reader the person or their administrators reach (activity, digest, organisation log,
    /// exports) can see it; staff find it in the platform log.
    /// </summary>
    internal static AuditRecord Event(string action, string userId, string? detail = null) =>
        new(action, SubjectId: null, OrganisationId: null, Target: detail is null ? $"person {userId}" : $"person {userId}; {detail}");

    /// <summary>The holds in force at <paramref name="now"/>: not lifted, and not past their end.</summary>
    public static IQueryable<LegalHold> InForce(PortalDbContext db, DateTime now) =>
        db.LegalHolds.Where(h => h.LiftedAt == null && (h.EndsAt == null || h.EndsAt > now));

    private Task EnsureAsync() => authorization.RequireAsync(currentUser.Principal, LegalHoldOperations.Manage, "Only Portal's support places and lifts legal holds.");

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
