using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Features.Organisations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.InvitedById).HasMaxLength(450);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.NormalizedEmail });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganisationDomainConfiguration : IEntityTypeConfiguration<OrganisationDomain>
{
    public void Configure(EntityTypeBuilder<OrganisationDomain> builder)
    {
        builder.Property(d => d.Domain).HasMaxLength(OrganisationDomain.MaxLength);
        builder.Property(d => d.Token).HasMaxLength(64);
        builder.Property(d => d.AddedById).HasMaxLength(450);
        builder.Ignore(d => d.RecordName);
        builder.Ignore(d => d.RecordValue);
        builder.HasIndex(d => new { d.TenantId, d.Domain }).IsUnique();
        builder.HasIndex(d => d.Domain);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganisationLogoConfiguration : IEntityTypeConfiguration<OrganisationLogo>
{
    public void Configure(EntityTypeBuilder<OrganisationLogo> builder)
    {
        builder.Property(l => l.ContentType).HasMaxLength(32);
        builder.Property(l => l.Version).HasMaxLength(16);
        builder.HasIndex(l => l.TenantId).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DisclosureRequestConfiguration : IEntityTypeConfiguration<Support.DisclosureRequest>
{
    public void Configure(EntityTypeBuilder<Support.DisclosureRequest> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Requester).HasMaxLength(200);
        builder.Property(d => d.LegalBasis).HasMaxLength(400);
        builder.Property(d => d.Disclosed).HasMaxLength(2000);
        builder.Property(d => d.RecordedById).HasMaxLength(450);
        builder.Property(d => d.NoticeProhibitedBecause).HasMaxLength(400);
        builder.HasIndex(d => new { d.UserId, d.RecordedAt });
        builder.HasOne<Data.PortalUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImpersonationSessionConfiguration : IEntityTypeConfiguration<Support.ImpersonationSession>
{
    public void Configure(EntityTypeBuilder<Support.ImpersonationSession> builder)
    {
        builder.Property(i => i.SubjectId).HasMaxLength(450);
        builder.Property(i => i.AgentId).HasMaxLength(450);
        builder.Property(i => i.AgentMethods).HasMaxLength(100);
        builder.Property(i => i.Reason).HasMaxLength(500);
        builder.Property(i => i.Ticket).HasMaxLength(100);
        builder.Property(i => i.EndReason).HasMaxLength(20);
        builder.Ignore(i => i.EffectiveEnd);
        builder.HasIndex(i => new { i.SubjectId, i.StartedAt });
        builder.HasIndex(i => new { i.AgentId, i.StartedAt });
        builder.HasOne<Data.PortalUser>().WithMany().HasForeignKey(i => i.SubjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
