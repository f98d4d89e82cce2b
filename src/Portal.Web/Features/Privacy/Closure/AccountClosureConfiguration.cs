using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data;

namespace Portal.Web.Features.Privacy;

internal sealed class AccountClosureConfiguration : IEntityTypeConfiguration<AccountClosure>
{
    public void Configure(EntityTypeBuilder<AccountClosure> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.DecidedById).HasMaxLength(450);
        builder.Property(c => c.DeclineReason).HasMaxLength(AccountClosures.ReasonLength);
        builder.Property(c => c.LeaseOwner).HasMaxLength(64);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.RequestedAt });
        builder.HasIndex(c => new { c.Status, c.DeleteAfter });
    }
}

internal sealed class DeletedAccountConfiguration : IEntityTypeConfiguration<DeletedAccount>
{
    public void Configure(EntityTypeBuilder<DeletedAccount> builder)
    {
        builder.HasKey(d => d.UserId);
        builder.Property(d => d.UserId).HasMaxLength(450);
    }
}
