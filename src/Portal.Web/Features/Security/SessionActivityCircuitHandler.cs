using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Features.Security;

/// <summary>Notes each interaction with a circuit, so an open page the person is using does not count as idle.</summary>
internal sealed class SessionActivityCircuitHandler(AuthenticationStateProvider provider, TimeProvider time) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            if (provider is SessionAuthenticationStateProvider sessions)
            {
                sessions.LastActivityAt = time.GetUtcNow().UtcDateTime;
            }

            return next(context);
        };
}
