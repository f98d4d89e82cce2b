using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Features.Privacy;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.HasKey(h => h.Id);
        builder.Property(h => h.UserId).HasMaxLength(450);
        builder.Property(h => h.Reason).HasMaxLength(LegalHold.ReasonLength);
        builder.Property(h => h.Reference).HasMaxLength(LegalHold.ReferenceLength);
        builder.Property(h => h.PlacedById).HasMaxLength(450);
        builder.Property(h => h.LiftedById).HasMaxLength(450);
        builder.HasIndex(h => new { h.UserId, h.LiftedAt });
    }
}

internal sealed class HeldArchiveConfiguration : IEntityTypeConfiguration<HeldArchive>
{
    public void Configure(EntityTypeBuilder<HeldArchive> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.HasIndex(a => a.UserId);
    }
}
