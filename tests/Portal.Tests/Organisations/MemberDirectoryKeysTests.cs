using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Profiles;
using Portal.Web.Data;
using Portal.Web.Features.Organisations;

namespace Portal.Tests.Organisations;

public sealed class MemberDirectoryKeysTests : AppTest
{
    [Theory]
    [InlineData("  Chloé   DUBOIS ", "CHLOE DUBOIS")]
    [InlineData("chloe dubois", "CHLOE DUBOIS")]
    [InlineData("Zoë Ångström", "ZOE ANGSTROM")]
    [InlineData("Søren O'Brien-Müller", "SØREN O'BRIEN-MULLER")]
    [InlineData("\u0066\u0069 ﬁne", "FI FINE")]
    [InlineData("\t\n", "")]
    public void Names_fold_to_upper_case_without_accents_and_with_single_spaces(string name, string folded) =>
        MemberDirectoryKeys.Fold(name).ShouldBe(folded);

    [Fact]
    public void A_folded_name_fits_its_column_without_splitting_a_character()
    {
        MemberDirectoryKeys.SortName(new string('a', 100), new string('b', 100)).Length.ShouldBe(MemberDirectoryKeys.SortNameMaxLength);
        var folded = MemberDirectoryKeys.Fold(new string('x', MemberDirectoryKeys.SortNameMaxLength - 1) + "😀");
        folded.Length.ShouldBe(MemberDirectoryKeys.SortNameMaxLength - 1);
        char.IsHighSurrogate(folded[^1]).ShouldBeFalse();
    }

    [Fact]
    public async Task Demo_members_and_new_registrations_get_their_directory_keys()
    {
        using var client = new PortalClient(Factory);
        await client.SubmitAsync("/Account/Register", "register", Account.RegistrationTests.Form("zoe@example.test"));

        (await KeysAsync("admin@acme.test")).ShouldBe((MemberStatus.Active, "ADMIN ADAM", "ADAM ADMIN", "ADMIN@ACME.TEST"));
        (await KeysAsync("zoe@example.test")).ShouldBe((MemberStatus.Active, "ANGSTROM ZOE", "ZOE ANGSTROM", "ZOE@EXAMPLE.TEST"));
    }

    [Fact]
    public async Task Renaming_yourself_moves_your_row_in_the_directory()
    {
        var update = await Factory.EditProfileAsync("member@acme.test", form => (form.FirstName, form.LastName) = ("Émile", "Zola"));

        update.Succeeded.ShouldBeTrue();
        (await KeysAsync("member@acme.test")).ShouldBe((MemberStatus.Active, "ZOLA EMILE", "EMILE ZOLA", "MEMBER@ACME.TEST"));
        await using var scope = await Factory.ActingAsAsync("admin@acme.test");
        var found = await scope.ServiceProvider.GetRequiredService<MemberDirectory>().PageAsync(new MemberQuery("emile"), null);
        found.ShouldHaveSingleItem().Name.ShouldBe("Émile Zola");
    }

    [Fact]
    public async Task A_new_address_reaches_the_directory_even_when_saved_outside_any_organisation()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var mia = (await users.FindByEmailAsync("member@acme.test"))!;
            (await users.SetEmailAsync(mia, "mia.new@acme.test")).Succeeded.ShouldBeTrue();
        }

        (await KeysAsync("mia.new@acme.test")).NormalizedEmail.ShouldBe("MIA.NEW@ACME.TEST");
    }

    [Fact]
    public async Task A_member_added_for_an_existing_account_copies_its_name()
    {
        var acme = await Factory.OrganisationAsync("acme");
        var user = new PortalUser { UserName = "late@acme.test", Email = "late@acme.test", FirstName = "Late", LastName = "Comer" };
        await using (var db = Factory.CreateDbContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = Factory.CreateDbContext(acme))
        {
            db.OrganisationMembers.Add(new OrganisationMember { Id = Guid.CreateVersion7(), UserId = user.Id, Role = OrganisationRole.Member, Status = MemberStatus.Invited });
            await db.SaveChangesAsync();
        }

        (await KeysAsync("late@acme.test")).ShouldBe((MemberStatus.Invited, "COMER LATE", "LATE COMER", "LATE@ACME.TEST"));
    }

    private async Task<(MemberStatus Status, string SortName, string SearchName, string NormalizedEmail)> KeysAsync(string email)
    {
        await using var db = Factory.CreateDbContext();
        var member = await db.OrganisationMembers.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.User!.Email == email);
        return (member.Status, member.SortName, member.SearchName, member.NormalizedEmail);
    }
}
