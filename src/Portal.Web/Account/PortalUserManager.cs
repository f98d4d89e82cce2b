using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Web.Data;

namespace Portal.Web.Account;

/// <summary>Identity's user manager with recovery codes long enough to be stored as plain hashes (<see cref="RecoveryCodes"/>).</summary>
internal sealed class PortalUserManager(
    IUserStore<PortalUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PortalUser> passwordHasher,
    IEnumerable<IUserValidator<PortalUser>> userValidators,
    IEnumerable<IPasswordValidator<PortalUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PortalUser>> logger)
    : UserManager<PortalUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override string CreateTwoFactorRecoveryCode() => RecoveryCodes.Create();
}
