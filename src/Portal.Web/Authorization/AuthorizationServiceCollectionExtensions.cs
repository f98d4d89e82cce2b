using Microsoft.AspNetCore.Authorization;
using Portal.Web.Features.Organisations;
using Portal.Web.Tenancy;

namespace Portal.Web.Authorization;

internal static class AuthorizationServiceCollectionExtensions
{
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.TenantId))
            .AddPolicy(Policies.OrganisationAdmin, p => p.RequireAuthenticatedUser()
                .RequireClaim(PortalClaims.OrganisationRole, nameof(OrganisationRole.Admin), nameof(OrganisationRole.Owner)))
            .AddPolicy(Policies.OrganisationOwner, p => p.RequireAuthenticatedUser()
                .RequireClaim(PortalClaims.OrganisationRole, nameof(OrganisationRole.Owner)))
            .AddPolicy(Policies.Support, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.Support, PlatformRoles.PlatformAdmin))
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.PlatformAdmin))
            .AddPolicy(Policies.AccountHolder, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.TenantId).AddRequirements(new AccountHolderRequirement()))
            .AddPolicy(Policies.Announcer, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsInRole(PlatformRoles.PlatformAdmin) || c.User.HasClaim(PortalClaims.OrganisationRole, nameof(OrganisationRole.Owner))))
            .AddPolicy(Policies.ViewProfile, p => p.AddRequirements(new ViewProfileRequirement()));
        services.AddSingleton<IAuthorizationHandler, ViewProfileHandler>();
        services.AddSingleton<IAuthorizationHandler, MemberAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ChangeRoleHandler>();
        services.AddSingleton<IAuthorizationHandler, ManageOrganisationHandler>();
        services.AddSingleton<IAuthorizationHandler, TransferOwnershipHandler>();
        services.AddSingleton<IAuthorizationHandler, InviteHandler>();
        services.AddSingleton<IAuthorizationHandler, ImpersonationHandler>();
        services.AddSingleton<IAuthorizationHandler, AccountHolderHandler>();
        services.AddSingleton<IAuthorizationHandler, PersonalDataHandler>();
        services.AddSingleton<IAuthorizationHandler, CloseOwnAccountHandler>();
        services.AddSingleton<IAuthorizationHandler, AnnounceHandler>();
        services.AddSingleton<IAuthorizationHandler, JoinOrganisationHandler>();
        services.AddSingleton<IAuthorizationHandler, MemberPolicyHandler>();
        services.AddSingleton<IAuthorizationHandler, NotWhileActingForSomeoneHandler>();
        services.AddScoped<AccessChangeGuard>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, StaffAreaRefusals>();
        return services;
    }
}
