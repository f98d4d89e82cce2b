using System.Globalization;
using System.Net;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;

namespace Portal.Tests.Organisations;

public sealed class OrganisationAuditLogTests : AppTest
{
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Administrators_see_their_organisation_s_events_only_newest_first_in_pages()
    {
        await AppendAsync(Member, count: 60, action: AuditActions.ProfileUpdated);
        await AppendAsync("owner@globex.test", count: 5, action: AuditActions.ProfileUpdated);

        var seen = new List<OrganisationAuditEntry>();
        IReadOnlyList<OrganisationAuditEntry> page;
        do
        {
            page = await AsAsync(Admin, log => log.PageAsync(new(), seen.Count == 0 ? null : seen[^1].Sequence));
            seen.AddRange(page);
        }
        while (page.Count == OrganisationAuditLog.PageSize);

        seen.Count(e => e.Action == AuditActions.ProfileUpdated).ShouldBe(60);
        seen.ShouldAllBe(e => e.Subject != "owner@globex.test");
        seen.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
        seen.Select(e => e.Sequence).Distinct().Count().ShouldBe(seen.Count);
    }

    [Fact]
    public async Task Filters_narrow_by_action_person_and_time_and_staff_are_not_named()
    {
        await AppendAsync(Member, count: 2, action: AuditActions.ProfileUpdated);
        await AppendAsync("owner@acme.test", count: 1, action: AuditActions.ProfileUpdated);
        await AppendAsync(Member, count: 1, action: AuditActions.SessionsEndedAll, actor: "support@portal.test");

        var byAction = await AsAsync(Admin, log => log.PageAsync(new(Action: AuditActions.SessionsEndedAll)));
        var byPerson = await AsAsync(Admin, log => log.PageAsync(new(PersonEmail: "MEMBER@acme.test")));
        var later = await AsAsync(Admin, log => log.PageAsync(new(From: Factory.Time.GetUtcNow().UtcDateTime.AddDays(1))));
        var foreign = await AsAsync(Admin, log => log.PageAsync(new(PersonEmail: "owner@globex.test")));

        byAction.ShouldHaveSingleItem().Actor.ShouldBe(OrganisationAuditLog.StaffName);
        byPerson.Count.ShouldBe(3);
        byPerson.ShouldAllBe(e => e.Subject == Member);
        later.ShouldBeEmpty();
        foreign.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_may_not_read_it()
    {
        await Should.ThrowAsync<UnauthorizedAccessException>(() => AsAsync(Member, log => log.PageAsync(new())));

        using var client = new PortalClient(Factory);
        await client.SignInAsync(Member);
        var refused = await client.Http.GetAsync(new Uri("/organisation/audit.csv", UriKind.Relative));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_events_of_the_organisation_and_is_itself_audited()
    {
        await AppendAsync(Member, count: 3, action: AuditActions.ProfileUpdated);
        await AppendAsync("owner@globex.test", count: 2, action: AuditActions.ProfileUpdated);
        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);

        var response = await client.Http.GetAsync(new Uri($"/organisation/audit.csv?action={AuditActions.ProfileUpdated}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Sequence,OccurredAt,Action,Actor,Subject");
        lines.Length.ShouldBe(4);
        lines.Skip(1).ShouldAllBe(l => l.Contains(Member, StringComparison.Ordinal));
        var after = await AsAsync(Admin, log => log.PageAsync(new(Action: AuditActions.OrganisationAuditExported)));
        after.ShouldHaveSingleItem().Actor.ShouldBe(Admin);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.test\")")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public async Task The_csv_export_neutralises_cells_a_spreadsheet_would_run_as_a_formula(string target)
    {
        var member = await Factory.UserIdAsync(Member);
        using (var scope = Factory.Services.CreateScope())
        {
            await using var db = Factory.CreateDbContext();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(db, new AuditRecord(AuditActions.ProfileUpdated, SubjectId: member, ActorId: member, Target: target));
        }

        using var client = new PortalClient(Factory);
        await client.SignInAsync(Admin);
        var response = await client.Http.GetAsync(new Uri($"/organisation/audit.csv?action={AuditActions.ProfileUpdated}", UriKind.Relative));

        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        csv.Read().ShouldBeTrue();
        csv.ReadHeader();
        csv.Read().ShouldBeTrue();
        csv.GetField("Target").ShouldBe("'" + target);
    }

    private async Task<T> AsAsync<T>(string email, Func<OrganisationAuditLog, Task<T>> read)
    {
        using var scope = await Factory.ScopeForSessionAsync(email, Guid.NewGuid());
        return await read(scope.ServiceProvider.GetRequiredService<OrganisationAuditLog>());
    }

    private async Task AppendAsync(string subject, int count, string action, string? actor = null)
    {
        var subjectId = await Factory.UserIdAsync(subject);
        var actorId = await Factory.UserIdAsync(actor ?? subject);
        for (var i = 0; i < count; i++)
        {
            using var scope = Factory.Services.CreateScope();
            await using var db = Factory.CreateDbContext();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(db, new AuditRecord(action, SubjectId: subjectId, ActorId: actorId));
        }
    }
}
