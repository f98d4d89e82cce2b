using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Web.Features.Organisations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Slug).HasMaxLength(100);
        // The permissions default to true in the migration for existing rows only: a model default would make EF omit
        // an explicit false on insert and let the database turn it back into true.
        builder.Property(o => o.LockedProfileFields).HasMaxLength(200);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.HasIndex(o => new { o.Name, o.Id });
    }
}

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> builder)
    {
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.SortName).HasMaxLength(MemberDirectoryKeys.SortNameMaxLength);
        builder.Property(m => m.SearchName).HasMaxLength(MemberDirectoryKeys.SortNameMaxLength);
        builder.Property(m => m.NormalizedEmail).HasMaxLength(MemberDirectoryKeys.EmailMaxLength);
        builder.HasIndex(m => m.UserId).IsUnique();

        // The directory's keyset order (SortName, Id), on its own and under each filter, and its two prefix searches.
        builder.HasIndex(m => new { m.TenantId, m.SortName, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.Status, m.SortName, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.Role, m.SortName, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.Role, m.Status, m.SortName, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.SearchName, m.SortName, m.Id });
        builder.HasIndex(m => new { m.TenantId, m.NormalizedEmail });

        // Support's search across every organisation, in the same order and by the same keys.
        builder.HasIndex(m => new { m.SortName, m.Id });
        builder.HasIndex(m => m.NormalizedEmail);
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>
    /// SQLite's LIKE ignores ASCII case, so it searches an index by prefix only when the column compares the same way
    /// (NOCASE). The keys are stored upper-case, so NOCASE sorts them exactly as the default would. SQL Server's LIKE
    /// follows the column's collation and needs nothing.
    /// </summary>
    public static void UseSqlitePrefixSearch(EntityTypeBuilder<OrganisationMember> builder)
    {
        builder.Property(m => m.SortName).UseCollation(SqliteNoCase);
        builder.Property(m => m.SearchName).UseCollation(SqliteNoCase);
        builder.Property(m => m.NormalizedEmail).UseCollation(SqliteNoCase);
    }

    public const string SqliteNoCase = "NOCASE";
}
