using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Portal.Tests.Infrastructure;

/// <summary>A bUnit context with what Portal's components need: localization and Radzen, JS calls ignored.</summary>
public abstract class ComponentTest : IDisposable
{
    protected ComponentTest()
    {
        Context.Services.AddLocalization();
        Context.Services.AddRadzenComponents();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected BunitContext Context { get; } = new();

    public void Dispose()
    {
        Context.Dispose();
        GC.SuppressFinalize(this);
    }
}
