using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Email;
using Portal.Web.Features.Legal;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Profiles;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Data;

/// <summary>
/// The app's context. Each provider's migrations belong to a subclass (<see cref="Migrations.Sqlite.SqlitePortalDbContext"/>,
/// <see cref="Migrations.SqlServer.SqlServerPortalDbContext"/>), because EF keeps one migration set per context type.
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options, TenantContext tenant)
    : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<OrganisationDomain> OrganisationDomains => Set<OrganisationDomain>();

    public DbSet<OrganisationLogo> OrganisationLogos => Set<OrganisationLogo>();

    public DbSet<Features.Support.DisclosureRequest> DisclosureRequests => Set<Features.Support.DisclosureRequest>();

    public DbSet<Features.Support.ImpersonationSession> ImpersonationSessions => Set<Features.Support.ImpersonationSession>();

    public DbSet<Features.Notifications.NotificationPreferences> NotificationPreferences => Set<Features.Notifications.NotificationPreferences>();

    public DbSet<Features.Notifications.EmailOpen> EmailOpens => Set<Features.Notifications.EmailOpen>();

    public DbSet<Features.Notifications.Announcement> Announcements => Set<Features.Notifications.Announcement>();

    public DbSet<Features.Notifications.AnnouncementDelivery> AnnouncementDeliveries => Set<Features.Notifications.AnnouncementDelivery>();

    public DbSet<Features.Notifications.DigestDelivery> DigestDeliveries => Set<Features.Notifications.DigestDelivery>();

    public DbSet<Features.Partners.Partner> Partners => Set<Features.Partners.Partner>();

    public DbSet<LegalDocument> LegalDocuments => Set<LegalDocument>();

    public DbSet<PolicyAcceptance> PolicyAcceptances => Set<PolicyAcceptance>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<ProfilePhoto> ProfilePhotos => Set<ProfilePhoto>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();

    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();

    public DbSet<Features.Privacy.DataExport> DataExports => Set<Features.Privacy.DataExport>();

    public DbSet<Features.Privacy.DataExportFile> DataExportFiles => Set<Features.Privacy.DataExportFile>();

    public DbSet<Features.Privacy.AccountClosure> AccountClosures => Set<Features.Privacy.AccountClosure>();

    public DbSet<Features.Privacy.DeletedAccount> DeletedAccounts => Set<Features.Privacy.DeletedAccount>();

    public DbSet<Features.Privacy.LegalHold> LegalHolds => Set<Features.Privacy.LegalHold>();

    public DbSet<Features.Privacy.HeldArchive> HeldArchives => Set<Features.Privacy.HeldArchive>();

    /// <summary>Read by the tenant query filter at query time; throws when no tenant is known.</summary>
    internal Guid CurrentTenantId => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.FirstName).HasMaxLength(100);
            user.Property(u => u.LastName).HasMaxLength(100);
            user.HasIndex(u => u.PartnerId);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        if (Database.IsSqlite())
        {
            OrganisationMemberConfiguration.UseSqlitePrefixSearch(builder.Entity<OrganisationMember>());
        }

        builder.ApplyTenantFilters(() => CurrentTenantId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Completes synchronously: with async false every query inside runs synchronously.
        MemberDirectoryKeys.SyncAsync(this, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        GuardChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await MemberDirectoryKeys.SyncAsync(this, async: true, cancellationToken);
        GuardChanges();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardChanges()
    {
        if (tenant.WritesRefused && ChangeTracker.Entries().Any(e => e.Entity is not AuditEvent && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            throw new Features.Support.ReadOnlyImpersonationException();
        }

        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit events are append-only: they cannot be changed or deleted.");
            }

            if (entry.Entity is ITenantOwned owned)
            {
                StampTenant(entry.State, owned, entry.Property(nameof(ITenantOwned.TenantId)).IsModified);
            }
        }
    }

    private void StampTenant(EntityState state, ITenantOwned owned, bool tenantModified)
    {
        if (state == EntityState.Added)
        {
            var current = tenant.TenantId;
            if (owned.TenantId != Guid.Empty && owned.TenantId != current)
            {
                throw new InvalidOperationException("A row cannot be written into another organisation.");
            }

            owned.TenantId = current;
        }
        else if (state == EntityState.Modified && tenantModified)
        {
            throw new InvalidOperationException("A row cannot be moved to another organisation.");
        }
    }
}
