using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data;

namespace Portal.Web.Features.Security;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Device).HasMaxLength(100);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.RevokedReason).HasMaxLength(40);
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
    }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Method).HasMaxLength(40);
        builder.Property(a => a.Device).HasMaxLength(100);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => new { a.UserId, a.OccurredAt, a.Id });
    }
}

internal sealed class KnownDeviceConfiguration : IEntityTypeConfiguration<KnownDevice>
{
    public void Configure(EntityTypeBuilder<KnownDevice> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.Property(d => d.Device).HasMaxLength(100);
        builder.HasIndex(d => new { d.UserId, d.TokenHash }).IsUnique();
    }
}
