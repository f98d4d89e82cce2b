using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ImpersonatorId).HasMaxLength(450);
        builder.Property(e => e.SubjectId).HasMaxLength(450);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Target).HasMaxLength(400);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.Property(e => e.ChangedFields).HasMaxLength(1000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.OrganisationId, e.Sequence });
        builder.HasIndex(e => new { e.SubjectId, e.Sequence });
        builder.HasIndex(e => new { e.ActorId, e.Sequence });
    }
}
