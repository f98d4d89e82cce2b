using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Tests.Infrastructure;

/// <summary>A bUnit context with what Portal's components need: localization and the component libraries, JS calls ignored.</summary>
public abstract class ComponentTest : IAsyncDisposable
{
    protected ComponentTest()
    {
        Context.Services.AddLocalization();
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected BunitContext Context { get; } = new();

    // MudBlazor's services dispose only asynchronously.
    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
