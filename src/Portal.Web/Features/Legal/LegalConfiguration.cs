using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data;

namespace Portal.Web.Features.Legal;

internal sealed class LegalDocumentConfiguration : IEntityTypeConfiguration<LegalDocument>
{
    public void Configure(EntityTypeBuilder<LegalDocument> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.HasIndex(d => new { d.Kind, d.Version }).IsUnique();
    }
}

internal sealed class PolicyAcceptanceConfiguration : IEntityTypeConfiguration<PolicyAcceptance>
{
    public void Configure(EntityTypeBuilder<PolicyAcceptance> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(a => new { a.UserId, a.Kind, a.Version }).IsUnique();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
