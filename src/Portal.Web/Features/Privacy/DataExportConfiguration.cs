using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Web.Data;

namespace Portal.Web.Features.Privacy;

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.LeaseOwner).HasMaxLength(64);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.RequestedAt });
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
    }
}

internal sealed class DataExportFileConfiguration : IEntityTypeConfiguration<DataExportFile>
{
    public void Configure(EntityTypeBuilder<DataExportFile> builder)
    {
        builder.HasKey(f => f.ExportId);
        builder.HasOne<DataExport>().WithOne().HasForeignKey<DataExportFile>(f => f.ExportId).OnDelete(DeleteBehavior.Cascade);
    }
}
