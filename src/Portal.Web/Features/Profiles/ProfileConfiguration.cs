using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Features.Profiles;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasOne(p => p.User).WithOne().HasForeignKey<Profile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Username).HasMaxLength(ProfileRules.UsernameMaxLength);
        builder.Property(p => p.NormalizedUsername).HasMaxLength(ProfileRules.UsernameMaxLength);
        builder.HasIndex(p => p.NormalizedUsername).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(ProfileRules.NameMaxLength);
        builder.Property(p => p.Phone).HasMaxLength(16);
        builder.Property(p => p.AddressLine1).HasMaxLength(ProfileRules.LineMaxLength);
        builder.Property(p => p.AddressLine2).HasMaxLength(ProfileRules.LineMaxLength);
        builder.Property(p => p.PostalCode).HasMaxLength(20);
        builder.Property(p => p.City).HasMaxLength(ProfileRules.NameMaxLength);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.JobTitle).HasMaxLength(ProfileRules.NameMaxLength);
        builder.Property(p => p.Company).HasMaxLength(ProfileRules.NameMaxLength);
        builder.Property(p => p.Bio).HasMaxLength(ProfileRules.BioMaxLength);
        builder.Property(p => p.Language).HasMaxLength(10);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.PreferredContact).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.Visibility, p.AllowSearchIndexing, p.NormalizedUsername });
    }
}

internal sealed class ProfilePhotoConfiguration : IEntityTypeConfiguration<ProfilePhoto>
{
    public void Configure(EntityTypeBuilder<ProfilePhoto> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasOne<Portal.Web.Data.PortalUser>().WithOne().HasForeignKey<ProfilePhoto>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.ContentType).HasMaxLength(20);
        builder.Property(p => p.Version).HasMaxLength(16);
    }
}
