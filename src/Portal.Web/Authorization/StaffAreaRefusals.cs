using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Portal.Web.Audit;
using Portal.Web.Data;

namespace Portal.Web.Authorization;

/// <summary>
/// Records every signed-in person turned away from the support console, then answers as usual (the access-denied
/// page): someone probing staff pages is worth knowing about.
/// </summary>
internal sealed class StaffAreaRefusals(AuthorizationMiddlewareResultHandler fallback) : IAuthorizationMiddlewareResultHandler
{
    public const string Area = "/support";

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.Request.Path.StartsWithSegments(Area, StringComparison.OrdinalIgnoreCase))
        {
            var services = context.RequestServices;
            await using var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(context.RequestAborted);
            var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            await services.GetRequiredService<AuditLog>().AppendAsync(db,
                new AuditRecord(AuditActions.StaffAreaRefused, SubjectId: userId, ActorId: userId, Target: context.Request.Path.Value), context.RequestAborted);
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
