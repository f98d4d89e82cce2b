using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Features.Partners;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.PrivacyPolicyUrl).HasMaxLength(400);
        builder.Property(p => p.WebhookUrl).HasMaxLength(400);
        builder.Property(p => p.WebhookSecret).HasMaxLength(100);
        builder.HasIndex(p => p.Slug).IsUnique();
    }
}
