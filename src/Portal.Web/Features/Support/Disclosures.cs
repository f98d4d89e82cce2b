using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Support;

/// <summary>What staff record of a disclosure request; validated again by <see cref="Disclosures"/>.</summary>
public sealed class DisclosureForm
{
    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(200, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Disclosure_Requester), ResourceType = typeof(Strings))]
    public string Requester { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(400, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Disclosure_LegalBasis), ResourceType = typeof(Strings))]
    public string LegalBasis { get; set; } = "";

    public DateTime? ReceivedOn { get; set; }

    [Required(ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_Required))]
    [StringLength(2000, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    [Display(Name = nameof(Strings.Disclosure_Disclosed), ResourceType = typeof(Strings))]
    public string Disclosed { get; set; } = "";

    public bool NoticeProhibited { get; set; }

    [StringLength(400, ErrorMessageResourceType = typeof(Strings), ErrorMessageResourceName = nameof(Strings.Validation_TooLong))]
    public string? ProhibitionReason { get; set; }
}

public enum DisclosureOutcome
{
    Notified,
    NoticeWithheld,
    Invalid,
    NotFound,
}

public sealed record DisclosureView(Guid Id, string Person, string Requester, string LegalBasis, DateOnly ReceivedOn, string Disclosed, string? NoticeProhibitedBecause, DateTime? NotifiedAt);

/// <summary>
/// "If we do receive a request to disclose a registered user's personal information, we will notify user of such
/// request": staff record each request; the person is emailed and sees it on their privacy page, unless a recorded
/// prohibition on notice applies, which staff review and lift (the person is told then). Every step is audited.
/// </summary>
public sealed class Disclosures(
    IDbContextFactory<PortalDbContext> dbFactory,
    WorkScopes workScopes,
    CurrentUser currentUser,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<Strings> localizer,
    TimeProvider time)
{
    public async Task<DisclosureOutcome> RecordAsync(string userId, DisclosureForm form)
    {
        await EnsureStaffAsync();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var reason = form.ProhibitionReason?.Trim();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), null, validateAllProperties: true)
            || form.ReceivedOn is not { } received || DateOnly.FromDateTime(received) > today || (form.NoticeProhibited && string.IsNullOrEmpty(reason)))
        {
            return DisclosureOutcome.Invalid;
        }

        await using var work = workScopes.Begin();
        var db = work.Db;
        if (await TenantClaims.FindOrganisationAsync(db, userId) is not { } organisationId)
        {
            return DisclosureOutcome.NotFound;
        }

        using var entered = work.Enter(organisationId);
        var request = new DisclosureRequest
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Requester = form.Requester.Trim(),
            LegalBasis = form.LegalBasis.Trim(),
            ReceivedOn = DateOnly.FromDateTime(received),
            Disclosed = form.Disclosed.Trim(),
            RecordedById = currentUser.UserId!,
            RecordedAt = time.GetUtcNow().UtcDateTime,
            NoticeProhibitedBecause = form.NoticeProhibited ? reason : null,
        };
        db.DisclosureRequests.Add(request);
        if (!form.NoticeProhibited)
        {
            await NotifyAsync(work, request);
        }

        await audit.AppendAsync(db, form.NoticeProhibited ? Withheld(request, reason!)
            : new AuditRecord(AuditActions.DisclosureRecorded, SubjectId: userId, OrganisationId: organisationId, Target: request.Requester));
        return form.NoticeProhibited ? DisclosureOutcome.NoticeWithheld : DisclosureOutcome.Notified;
    }

    /// <summary>Requests whose notice is withheld, oldest first, for staff to review.</summary>
    public async Task<IReadOnlyList<DisclosureView>> WithheldAsync()
    {
        await EnsureStaffAsync();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.DisclosuresOfEveryOrganisation().Where(d => d.NoticeProhibitedBecause != null).OrderBy(d => d.RecordedAt)
            .Select(d => new DisclosureView(d.Id, db.Users.Where(u => u.Id == d.UserId).Select(u => u.Email).FirstOrDefault() ?? "", d.Requester, d.LegalBasis,
                d.ReceivedOn, d.Disclosed, d.NoticeProhibitedBecause, d.NotifiedAt))
            .ToListAsync();
    }

    /// <summary>The prohibition no longer applies: the person is told now.</summary>
    public async Task<DisclosureOutcome> LiftProhibitionAsync(Guid id)
    {
        await EnsureStaffAsync();
        await using var work = workScopes.Begin();
        var db = work.Db;
        var organisationId = await db.DisclosuresOfEveryOrganisation().Where(d => d.Id == id && d.NoticeProhibitedBecause != null)
            .Select(d => (Guid?)d.TenantId).FirstOrDefaultAsync();
        if (organisationId is null)
        {
            return DisclosureOutcome.NotFound;
        }

        using var entered = work.Enter(organisationId.Value);
        var request = await db.DisclosureRequests.SingleAsync(d => d.Id == id);
        request.NoticeProhibitedBecause = null;
        await NotifyAsync(work, request);
        await audit.AppendAsync(db, new AuditRecord(AuditActions.DisclosureNoticeLifted, SubjectId: request.UserId, OrganisationId: organisationId, Target: request.Requester));
        return DisclosureOutcome.Notified;
    }

    /// <summary>The signed-in person's own requests they have been told of, newest first.</summary>
    public async Task<IReadOnlyList<DisclosureView>> MineAsync()
    {
        var userId = currentUser.UserId ?? throw new InvalidOperationException("No one is signed in.");
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.DisclosureRequests.AsNoTracking().Where(d => d.UserId == userId && d.NotifiedAt != null).OrderByDescending(d => d.RecordedAt)
            .Select(d => new DisclosureView(d.Id, "", d.Requester, d.LegalBasis, d.ReceivedOn, d.Disclosed, null, d.NotifiedAt))
            .ToListAsync();
    }

    /// <summary>
    /// While notice is prohibited the event names neither the person nor their organisation, so no reader the person or their
    /// administrators reach (activity, digest, organisation log and exports) can see it; staff find it in the platform log.
    /// </summary>
    private static AuditRecord Withheld(DisclosureRequest request, string reason) =>
        new(AuditActions.DisclosureRecorded, SubjectId: null, OrganisationId: null,
            Target: $"request {request.Id}; person {request.UserId}; {request.Requester}; notice withheld: {reason}");

    private async Task NotifyAsync(WorkScope work, DisclosureRequest request)
    {
        var db = work.Db;
        var user = await db.Users.SingleAsync(u => u.Id == request.UserId);
        request.NotifiedAt = time.GetUtcNow().UtcDateTime;
        await work.Notices.AddAsync(db, user.Email!, user.FirstName, localizer["Disclosure_EmailSubject"],
        [
            localizer["Disclosure_EmailIntro", request.Requester, request.ReceivedOn.ToString("D", CultureInfo.CurrentCulture)].Value,
            localizer["Disclosure_EmailBasis", request.LegalBasis].Value,
            localizer["Disclosure_EmailDisclosed", request.Disclosed].Value,
        ], localizer["Disclosure_EmailLink"], work.Links.To("account/privacy", new Dictionary<string, string?>()));
    }

    private Task EnsureStaffAsync() => authorization.RequireAsync(currentUser.Principal, Policies.Support, "Only Portal's staff record disclosure requests.");
}
