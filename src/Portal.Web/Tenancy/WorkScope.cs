using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Account;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Security;
using Portal.Web.Features.Support;

namespace Portal.Web.Tenancy;

/// <summary>
/// One unit of work: a DbContext and the services that write with it, in a scope of their own that acts as the
/// caller of <see cref="WorkScopes.Begin"/> (or as nobody, for background work). Its tenant filter, read-only
/// impersonation and audit read that caller; <see cref="Enter"/> is the one way to act for another organisation.
/// </summary>
public sealed class WorkScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly TenantContext _tenant;

    internal WorkScope(AsyncServiceScope scope)
    {
        _scope = scope;
        _tenant = Resolve<TenantContext>();
    }

    public PortalDbContext Db => Resolve<PortalDbContext>();

    /// <summary>Contexts of this unit of work for work that runs several at once (parallel delivery).</summary>
    internal IDbContextFactory<PortalDbContext> Contexts => Resolve<IDbContextFactory<PortalDbContext>>();

    public UserManager<PortalUser> Users => Resolve<UserManager<PortalUser>>();

    public SignInManager<PortalUser> SignIn => Resolve<SignInManager<PortalUser>>();

    /// <summary>Builds the claims a person signs in with (organisation, role, staff roles), read past the tenant filter.</summary>
    public IUserClaimsPrincipalFactory<PortalUser> Principals => Resolve<IUserClaimsPrincipalFactory<PortalUser>>();

    public AuditLog Audit => Resolve<AuditLog>();

    /// <summary>Security and account notices for the outbox, written with <see cref="Db"/>.</summary>
    public AccountNotices Notices => Resolve<AccountNotices>();

    /// <summary>Identity's emails (password reset, welcome) for the outbox, written with <see cref="Db"/>.</summary>
    internal AccountEmails Emails => Resolve<AccountEmails>();

    internal AccountRegistration Registration => Resolve<AccountRegistration>();

    /// <summary>Optional mail (digests, announcements) for the outbox, each message checked against its person's choices.</summary>
    internal NotificationMail Mail => Resolve<NotificationMail>();

    internal Impersonations Impersonations => Resolve<Impersonations>();

    internal AuditCheckpoints Checkpoints => Resolve<AuditCheckpoints>();

    internal UserSessions Sessions => Resolve<UserSessions>();

    internal PortalLinks Links => Resolve<PortalLinks>();

    internal Features.Privacy.PersonalDataArchive Archive => Resolve<Features.Privacy.PersonalDataArchive>();

    /// <summary>The organisation this unit of work acts for; a missing one throws.</summary>
    public Guid OrganisationId => _tenant.TenantId;

    /// <summary>
    /// Acts for one organisation until the returned handle is disposed, then for whichever it acted for before, also
    /// when the body throws: <c>using (work.Enter(id)) { ... }</c>.
    /// </summary>
    public IDisposable Enter(Guid organisationId) => _tenant.Enter(organisationId);

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    private T Resolve<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();
}
