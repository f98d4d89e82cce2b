using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Web.Features.Notifications;

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Digest).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => p.TenantId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailOpenConfiguration : IEntityTypeConfiguration<EmailOpen>
{
    public void Configure(EntityTypeBuilder<EmailOpen> builder)
    {
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.HasIndex(o => o.TenantId);
        builder.HasIndex(o => new { o.MessageId, o.OpenedAt });
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Audience).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Body).HasMaxLength(20000);
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.Property(a => a.LinkBase).HasMaxLength(400);
        builder.HasIndex(a => a.CreatedAt);
    }
}

internal sealed class AnnouncementDeliveryConfiguration : IEntityTypeConfiguration<AnnouncementDelivery>
{
    public void Configure(EntityTypeBuilder<AnnouncementDelivery> builder)
    {
        builder.HasKey(d => new { d.AnnouncementId, d.UserId });
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasOne<Announcement>().WithMany().HasForeignKey(d => d.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.HasKey(d => new { d.UserId, d.Period });
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Period).HasMaxLength(20);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
