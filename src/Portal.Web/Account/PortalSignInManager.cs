using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Web.Data;
using Portal.Web.Features.Security;
using Portal.Web.Tenancy;

namespace Portal.Web.Account;

/// <summary>Stable names of the ways a person proves who they are; stored in the sign-in history.</summary>
public static class SignInMethods
{
    public const string Password = "password";
    public const string Authenticator = "password + authenticator";
    public const string RecoveryCode = "password + recovery code";
    public const string Passkey = "passkey";

    /// <summary>Confirming the password again before a sensitive change, while already signed in.</summary>
    public const string Confirmation = "password confirmation";
}

/// <summary>
/// Identity's sign-in with the portal's additions, so every path (password, second factor, passkey) behaves alike:
/// an unknown address costs the same password hashing as a known one; each success opens a server-side session whose
/// id the cookie carries; each outcome on a known account is recorded in the sign-in history and the audit log.
/// </summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    UnknownAccountTiming timing,
    SignInEvents events,
    PortalDbContext db)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private string method = SignInMethods.Password;
    private PortalUser? passkeyOwner;

    /// <summary>A member their organisation restricted or closed, or who has not accepted an account made for them, cannot sign in, whatever they present.</summary>
    public override async Task<bool> CanSignInAsync(PortalUser user) =>
        await base.CanSignInAsync(user) && !await TenantClaims.IsBlockedAsync(db, user.Id);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        timing.VerifyAsIfSigningIn(password);
        await events.UnknownAccountAsync();
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> PasswordSignInAsync(PortalUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        method = SignInMethods.Password;
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        await RecordFailureAsync(user, result, SignInOutcome.WrongPassword);
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        method = SignInMethods.Authenticator;
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await RecordFailureAsync(user, result, SignInOutcome.TwoFactorFailed);
        return result;
    }

    /// <summary>
    /// Identity checks neither lockout nor failures for recovery codes; here a locked account stays locked and a wrong
    /// code counts like any wrong second factor. A used code is announced to the owner with the number left.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        method = SignInMethods.RecoveryCode;
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = user is not null && await PreSignInCheck(user) is { } refused
            ? refused
            : await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null && result.Succeeded)
        {
            await events.RecoveryCodeUsedAsync(user, await UserManager.CountRecoveryCodesAsync(user));
        }
        else if (user is not null && !result.IsLockedOut && !result.IsNotAllowed)
        {
            await UserManager.AccessFailedAsync(user);
            result = await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
        }

        await RecordFailureAsync(user, result, SignInOutcome.TwoFactorFailed);
        return result;
    }

    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        method = SignInMethods.Passkey;
        SignInResult result;
        try
        {
            result = string.IsNullOrWhiteSpace(credentialJson) ? SignInResult.Failed : await base.PasskeySignInAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No sign-in ceremony was started in this browser, or it was already used: a stale or forged post.
            result = SignInResult.Failed;
        }

        if (!result.Succeeded && passkeyOwner is null)
        {
            await events.UnknownAccountAsync("passkey not verified");
        }

        await RecordFailureAsync(passkeyOwner, result, SignInOutcome.Blocked);
        return result;
    }

    /// <summary>Remembers whose passkey verified, so a refusal after it (locked out, unconfirmed) joins their history.</summary>
    public override async Task<PasskeyAssertionResult<PortalUser>> PerformPasskeyAssertionAsync(string credentialJson)
    {
        var result = await base.PerformPasskeyAssertionAsync(credentialJson);
        passkeyOwner = result.Succeeded ? result.User : null;
        return result;
    }

    /// <summary>Every successful sign-in ends here: a new session is opened unless the caller is re-issuing one.</summary>
    public override async Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (method == SignInMethods.Passkey)
        {
            // Identity tags the sign-in "pwd"; a user-verified passkey is a key held plus a PIN or biometric (RFC 8176).
            claims.RemoveAll(c => c.Type == SecurityClaims.AuthenticationMethodReference);
            claims.Add(new Claim(SecurityClaims.AuthenticationMethodReference, "pop"));
            claims.Add(new Claim(SecurityClaims.AuthenticationMethodReference, SecurityClaims.MultiFactor));
        }

        if (!claims.Exists(c => c.Type == SecurityClaims.SessionId))
        {
            var session = await events.SucceededAsync(user, authenticationProperties?.IsPersistent == true, method, Context);
            claims.Add(new Claim(SecurityClaims.SessionId, session.ToString("D")));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Re-issues the cookie for the same session (after a password change, for example).</summary>
    public override async Task RefreshSignInAsync(PortalUser user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Principal is not { } principal || principal.FindFirstValue(ClaimTypes.NameIdentifier) != user.Id)
        {
            return;
        }

        var kept = principal.Claims.Where(c => SecurityClaims.IsKeptOnRefresh(c.Type))
            .Select(c => new Claim(c.Type, c.Value, c.ValueType));
        await SignInWithClaimsAsync(user, auth.Properties, kept);
    }

    private async Task RecordFailureAsync(PortalUser? user, SignInResult result, SignInOutcome failure)
    {
        if (user is null || result.Succeeded || result.RequiresTwoFactor)
        {
            return;
        }

        var outcome = result.IsLockedOut ? SignInOutcome.LockedOut : result.IsNotAllowed ? SignInOutcome.Blocked : failure;
        await events.FailedAsync(user, outcome, method, Context);
    }
}
