using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Audit;
using Portal.Web.Features.Organisations;
using Portal.Web.Features.Privacy;

namespace Portal.Tests.Privacy;

/// <summary>Administrators' side of closure: requests they decide, closures they make, and who may reopen.</summary>
public sealed class MemberClosureTests : AppTest
{
    private const string Owner = "owner@acme.test";
    private const string Admin = "admin@acme.test";
    private const string Member = "member@acme.test";

    [Fact]
    public async Task Where_members_may_not_close_their_account_it_becomes_a_request_an_owner_approves()
    {
        await ForbidSelfClosureAsync();
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);

        (await CloseOwnAsync(Member)).ShouldBe(ClosureOutcome.Requested);
        (await CloseOwnAsync(Member)).ShouldBe(ClosureOutcome.AlreadyRequested);

        (await member.IsSignedInAsync()).ShouldBeTrue();
        (await Factory.ToAsync(Owner)).ShouldContain(m => m.Subject == "Mia Member asked to close their account");
        (await Factory.ToAsync(Admin)).ShouldContain(m => m.Subject == "Mia Member asked to close their account");
        (await Factory.ToAsync(Member)).ShouldContain(m => m.Subject == "Your request to close your account was sent");
        var memberId = await Factory.UserIdAsync(Member);
        (await ActAsync(Owner, c => c.ForMemberAsync(memberId)))!.Status.ShouldBe(ClosureStatus.Requested);

        (await ActAsync(Owner, c => c.ApproveAsync(memberId))).ShouldBe(MemberActionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeFalse();
        var view = (await ActAsync(Owner, c => c.ForMemberAsync(memberId)))!;
        view.Status.ShouldBe(ClosureStatus.Closing);
        view.ByAdministrator.ShouldBeFalse(); // The member asked: the receipt's link reopens it.
        (await Factory.ToAsync(Member)).Single(m => m.Subject == "Your Portal account is closed").LinkTo("/Account/Reopen").ShouldContain("code=");
        await using var db = Factory.CreateDbContext();
        var approved = await db.AuditEvents.SingleAsync(e => e.SubjectId == memberId && e.Action == AuditActions.ClosureApproved);
        approved.ActorId.ShouldBe(await Factory.UserIdAsync(Owner));
        (await db.AuditEvents.CountAsync(e => e.SubjectId == memberId && e.Action == AuditActions.ClosureRequested)).ShouldBe(1);
    }

    [Fact]
    public async Task A_declined_request_leaves_the_account_open_and_the_member_receives_the_reason()
    {
        await ForbidSelfClosureAsync();
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);
        await CloseOwnAsync(Member);
        var memberId = await Factory.UserIdAsync(Member);

        await Should.ThrowAsync<ArgumentException>(ActAsync(Admin, c => c.DeclineAsync(memberId, "   ")));
        (await ActAsync(Admin, c => c.DeclineAsync(memberId, "Your contract runs until March."))).ShouldBe(MemberActionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeTrue();
        var declined = (await Factory.ToAsync(Member)).Single(m => m.Subject == "Your request to close your account was declined");
        declined.TextBody.ShouldContain("Your contract runs until March.");
        (await MineAsync(Member)).DeclineReason.ShouldBe("Your contract runs until March.");
        (await ActAsync(Admin, c => c.ForMemberAsync(memberId))).ShouldBeNull();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.SingleAsync(e => e.SubjectId == memberId && e.Action == AuditActions.ClosureDeclined)).ActorId.ShouldBe(await Factory.UserIdAsync(Admin));
    }

    [Fact]
    public async Task An_administrator_s_closure_has_the_grace_period_and_only_an_administrator_reopens_it()
    {
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);
        var memberId = await Factory.UserIdAsync(Member);

        (await ActAsync(Admin, c => c.CloseAsync(memberId))).ShouldBe(MemberActionOutcome.Done);
        (await ActAsync(Admin, c => c.CloseAsync(memberId))).ShouldBe(MemberActionOutcome.Done);

        (await member.IsSignedInAsync()).ShouldBeFalse();
        var view = (await ActAsync(Admin, c => c.ForMemberAsync(memberId)))!;
        view.ByAdministrator.ShouldBeTrue();
        view.DeleteAfter.ShouldBe(Factory.Time.GetUtcNow().UtcDateTime + TimeSpan.FromDays(30));
        var notice = (await Factory.ToAsync(Member)).Single(m => m.Subject == "Your Portal account has been closed");
        notice.HtmlBody.ShouldNotContain("Account/Reopen");
        using (var scope = Factory.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AccountClosures>().ReopenCodeForAsync(Member, "Demo-Passw0rd!")).ShouldBeNull();
        }

        (await ActAsync(Owner, c => c.ReopenAsync(memberId))).ShouldBe(MemberActionOutcome.Done);
        await member.SignInAsync(Member);
        (await member.IsSignedInAsync()).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        (await db.AuditEvents.CountAsync(e => e.SubjectId == memberId && e.Action == AuditActions.MemberClosed)).ShouldBe(1);
        (await db.AuditEvents.SingleAsync(e => e.SubjectId == memberId && e.Action == AuditActions.MemberReopened)).ActorId.ShouldBe(await Factory.UserIdAsync(Owner));
    }

    [Fact]
    public async Task Another_organisation_s_owner_cannot_see_decide_close_or_reopen_and_a_member_cannot_decide()
    {
        await ForbidSelfClosureAsync();
        using var member = new PortalClient(Factory);
        await member.SignInAsync(Member);
        await CloseOwnAsync(Member);
        var memberId = await Factory.UserIdAsync(Member);
        const string Stranger = "owner@globex.test";

        (await ActAsync(Stranger, c => c.ForMemberAsync(memberId))).ShouldBeNull();
        (await ActAsync(Stranger, c => c.ApproveAsync(memberId))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync(Stranger, c => c.DeclineAsync(memberId, "No"))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync(Stranger, c => c.CloseAsync(memberId))).ShouldBe(MemberActionOutcome.NotFound);
        (await ActAsync(Stranger, c => c.ReopenAsync(memberId))).ShouldBe(MemberActionOutcome.NotFound);
        var adminId = await Factory.UserIdAsync(Admin);
        var ownerId = await Factory.UserIdAsync(Owner);
        (await ActAsync(Admin, c => c.ApproveAsync(adminId))).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync(Admin, c => c.CloseAsync(ownerId))).ShouldBe(MemberActionOutcome.Forbidden);
        (await ActAsync(Member, c => c.ApproveAsync(memberId))).ShouldBe(MemberActionOutcome.Forbidden);

        (await member.IsSignedInAsync()).ShouldBeTrue();
        await using var db = Factory.CreateDbContext();
        (await db.AccountClosures.IgnoreQueryFilters().CountAsync(c => c.Status != ClosureStatus.Requested)).ShouldBe(0);
        (await db.OrganisationMembers.IgnoreQueryFilters().CountAsync(m => m.Status == MemberStatus.Closed)).ShouldBe(0);
    }

    private async Task ForbidSelfClosureAsync()
    {
        await using var db = Factory.CreateDbContext();
        await db.Organisations.Where(o => o.Name == "Acme").ExecuteUpdateAsync(s => s.SetProperty(o => o.MembersMayCloseAccount, false));
    }

    private async Task<ClosureOutcome> CloseOwnAsync(string email)
    {
        using var scope = await NewestSessionAsync(email);
        return await scope.ServiceProvider.GetRequiredService<AccountClosures>().CloseAsync();
    }

    private async Task<ClosureView> MineAsync(string email)
    {
        using var scope = await NewestSessionAsync(email);
        return await scope.ServiceProvider.GetRequiredService<AccountClosures>().MineAsync();
    }

    private async Task<T> ActAsync<T>(string actor, Func<MemberClosures, Task<T>> act)
    {
        using var scope = await Factory.ScopeForSessionAsync(actor, Guid.NewGuid());
        return await act(scope.ServiceProvider.GetRequiredService<MemberClosures>());
    }

    private async Task<IServiceScope> NewestSessionAsync(string email) =>
        await Factory.ScopeForSessionAsync(email, (await Factory.SessionsAsync(email))[^1].Id);
}
