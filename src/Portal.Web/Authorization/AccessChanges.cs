using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Audit;
using Portal.Web.Data;
using Portal.Web.Features.Support;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

/// <summary>
/// Marks a requirement whose operation grants, widens or removes access, or changes an organisation's own controls:
/// invitations and on-behalf accounts, role changes and ownership, restricting and closing members, two-factor resets,
/// organisation settings, policies, logo and domains, and announcements. Such a change outlives an impersonation, so
/// nobody acting for someone may make it (<see cref="NotWhileActingForSomeoneHandler"/>).
/// </summary>
public interface IAccessChange : IAuthorizationRequirement
{
    /// <summary>The operation's stable name, recorded when it is refused.</summary>
    string Operation { get; }
}

/// <summary>
/// The one rule for every <see cref="IAccessChange"/>: while the caller is an agent acting for someone (read-only or
/// not), it fails, whatever the operation's own handler decided. The failure names the operation.
/// </summary>
internal sealed class NotWhileActingForSomeoneHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.IsImpersonated() && context.Requirements.OfType<IAccessChange>().FirstOrDefault() is { } change)
        {
            context.Fail(new AuthorizationFailureReason(this, change.Operation));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Thrown when an agent acting for a person asks for an access change; the refusal has been audited.</summary>
public sealed class ImpersonationRefusedException(string operation)
    : InvalidOperationException($"Portal support acting for someone may not change access or the organisation's controls ({operation}).")
{
    public string Operation { get; } = operation;
}

/// <summary>
/// How a service's write path asks whether the caller may make an access change. A plain refusal answers false, as the
/// operation's handler decided; a refusal because the caller acts for someone is audited as
/// <see cref="AuditActions.ImpersonationRefused"/> with the operation, and thrown so the page explains it. Pages that
/// only decide what to show ask <see cref="IAuthorizationService"/> directly, which audits nothing.
/// </summary>
public sealed class AccessChangeGuard(IAuthorizationService authorization, CurrentUser currentUser, IDbContextFactory<PortalDbContext> dbFactory, AuditLog audit)
{
    public async Task<bool> AllowsAsync(object? resource, IAuthorizationRequirement requirement)
    {
        var result = await authorization.AuthorizeAsync(currentUser.Principal, resource, requirement);
        if (result.Failure?.FailureReasons.FirstOrDefault(r => r.Handler is NotWhileActingForSomeoneHandler) is { } refusal)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await audit.AppendAsync(db, new AuditRecord(AuditActions.ImpersonationRefused, SubjectId: currentUser.UserId, Target: refusal.Message));
            throw new ImpersonationRefusedException(refusal.Message);
        }

        return result.Succeeded;
    }
}
