using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;
using Portal.Tests.Security;
using Portal.Web.Features.Profiles;
using Portal.Web.Tenancy;

namespace Portal.Tests.Profiles;

/// <summary>Edits a person's profile through the real service, as that person.</summary>
internal static class ProfileHarness
{
    public static async Task<ProfileUpdate> EditProfileAsync(this PortalFactory factory, string email, Action<ProfileForm> change)
    {
        using var scope = await factory.ScopeForAsync(email);
        var profiles = scope.ServiceProvider.GetRequiredService<ProfileService>();
        var form = await profiles.GetMineAsync();
        change(form);
        return await profiles.UpdateMineAsync(form);
    }

    public static async Task<PhotoUpload> UploadPhotoAsync(this PortalFactory factory, string email, byte[] content)
    {
        using var scope = await factory.ScopeForAsync(email);
        using var stream = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<ProfilePhotoService>().UploadMineAsync(stream);
    }

    /// <summary>A service scope acting as the given person, with the claims they sign in with (organisation and role).</summary>
    public static Task<IServiceScope> ScopeForAsync(this PortalFactory factory, string email) => factory.ScopeForSessionAsync(email, Guid.NewGuid());
}
