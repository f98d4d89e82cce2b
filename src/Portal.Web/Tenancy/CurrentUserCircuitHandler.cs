using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Tenancy;

/// <summary>Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state.</summary>
internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.Principal = state.User;
    }

    private void OnAuthenticationChanged(Task<AuthenticationState> task)
    {
        _ = UpdateAsync(task);

        async Task UpdateAsync(Task<AuthenticationState> pending)
        {
            var state = await pending;
            currentUser.Principal = state.User;
        }
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;
}
