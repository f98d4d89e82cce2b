using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;
using MudBlazor.Services;

namespace Portal.Tests.Organisations;

public sealed class BulkInvitationTests : AppTest
{
    private const string Admin = "admin@acme.test";

    [Fact]
    public async Task A_good_file_invites_everyone_in_it_with_their_roles_at_once()
    {
        var plan = await CheckAsync(Admin, "Email,Role\nana@example.test,Admin\nbo@example.test,\n\"cy@example.test\",member\n");

        plan.IsReady.ShouldBeTrue();
        var sent = await SendAsync(Admin, plan);

        sent.IsReady.ShouldBeTrue();
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.OrderBy(i => i.Email).Select(i => new { i.Email, i.Role }).ToListAsync())
            .ShouldBe([new { Email = "ana@example.test", Role = OrganisationRole.Admin }, new { Email = "bo@example.test", Role = OrganisationRole.Member },
                new { Email = "cy@example.test", Role = OrganisationRole.Member }]);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberInvited)).ShouldBe(3);
        (await db.OutboxMessages.CountAsync(m => m.Subject == "You are invited to join Acme on Portal")).ShouldBe(3);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_reported_row_by_row_and_nothing_is_sent()
    {
        var plan = await CheckAsync(Admin,
            "email;role\nok@example.test;Member\nnot-an-address;Member\nmember@acme.test;Member\nok@example.test;Admin\nboss@example.test;Owner\nx@example.test;Chief\n");

        plan.IsReady.ShouldBeFalse();
        plan.RowsWithProblems.ShouldBe(5);
        plan.Rows.Where(r => r.Problems.Count > 0).Select(r => (r.Line, r.Problems[0])).ShouldBe(
        [
            (3, "Not a valid email address."),
            (4, "Already a member of your organisation."),
            (5, "The same address is on line 2."),
            (6, "You cannot invite people as Owner."),
            (7, "Unknown role \"Chief\": use Member, Admin or Owner."),
        ]);
        (await SendAsync(Admin, plan)).IsReady.ShouldBeFalse();
        await NothingSentAsync();
    }

    [Theory]
    [InlineData("name,role\nAna,Member\n", "The file needs a header row with an email column.")]
    [InlineData("email,role\n", "The file has no rows below its header.")]
    [InlineData("", "The file needs a header row with an email column.")]
    public async Task A_file_that_is_not_a_list_of_addresses_is_refused_as_a_whole(string csv, string problem)
    {
        (await CheckAsync(Admin, csv)).FileProblem.ShouldBe(problem);
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_as_a_whole()
    {
        var csv = new StringBuilder("email\n");
        for (var i = 0; i <= BulkInvitations.MaxRows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"person{i}@example.test\n");
        }

        (await CheckAsync(Admin, csv.ToString())).FileProblem.ShouldBe("The file has more than 1,000 rows. Split it into smaller files.");
    }

    [Fact]
    public async Task Someone_invited_meanwhile_stops_the_whole_file_from_being_sent()
    {
        var plan = await CheckAsync(Admin, "email\nana@example.test\nbo@example.test\n");
        using (var scope = await Factory.ScopeForSessionAsync("owner@acme.test", Guid.NewGuid()))
        {
            await scope.ServiceProvider.GetRequiredService<Invitations>().InviteAsync(new InvitationForm { Email = "bo@example.test" });
        }

        var sent = await SendAsync(Admin, plan);

        sent.IsReady.ShouldBeFalse();
        sent.Rows.Single(r => r.Problems.Count > 0).Email.ShouldBe("bo@example.test");
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.Select(i => i.Email).ToListAsync()).ShouldBe(["bo@example.test"]);
    }

    [Fact]
    public async Task Another_organisation_s_file_is_checked_against_its_own_members_only()
    {
        var plan = await CheckAsync("owner@globex.test", "email\nmember@acme.test\n");

        plan.IsReady.ShouldBeTrue();
        await SendAsync("owner@globex.test", plan);
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_card_reports_bad_rows_then_sends_a_good_file_with_progress()
    {
        using var scope = await Factory.ScopeForSessionAsync(Admin, Guid.NewGuid());
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddLocalization();
        context.Services.AddMudServices();
        context.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<BulkInvitations>());
        var sentCallbacks = 0;
        var card = context.Render<BulkInviteCard>(p => p.Add(c => c.OnSent, () => sentCallbacks++));

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("email\nnope\nfine@example.test\n", "people.csv"));

        card.WaitForAssertion(() => card.Find("[data-testid=bulk-report-summary]").TextContent.ShouldContain("1 of 2 rows need fixing"));
        card.FindAll("[data-testid=bulk-problem]").Single().TextContent.ShouldContain("Not a valid email address.");
        card.FindAll("[data-testid=bulk-send]").ShouldBeEmpty();

        card.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("email\nfine@example.test\nalso@example.test\n", "people.csv"));
        card.WaitForAssertion(() => card.Find("[data-testid=bulk-send]").TextContent.ShouldBe("Send 2 invitations"));
        await card.Find("[data-testid=bulk-send]").ClickAsync(new());

        card.WaitForAssertion(() => card.Find("[data-testid=bulk-status]").TextContent.ShouldContain("2 invitations sent."));
        sentCallbacks.ShouldBe(1);
        await using var db = Factory.CreateDbContext(await AcmeAsync());
        (await db.Invitations.CountAsync()).ShouldBe(2);
    }

    private async Task<BulkInvitePlan> CheckAsync(string actor, string csv)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<BulkInvitations>().CheckAsync(stream);
    }

    private async Task<BulkInvitePlan> SendAsync(string actor, BulkInvitePlan plan)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await scope.ServiceProvider.GetRequiredService<BulkInvitations>().SendAsync(plan);
    }

    private async Task NothingSentAsync()
    {
        await using var db = Factory.CreateDbContext();
        (await db.Invitations.IgnoreQueryFilters().CountAsync()).ShouldBe(0);
        (await db.OutboxMessages.CountAsync()).ShouldBe(0);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.MemberInvited)).ShouldBe(0);
    }

    private async Task<Guid> AcmeAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Organisations.Where(o => o.Name == "Acme").Select(o => o.Id).SingleAsync();
    }
}
