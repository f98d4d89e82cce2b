using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Portal.Web.Audit;
using Portal.Web.Authorization;
using Portal.Web.Data;
using Portal.Web.Email;
using Portal.Web.Resources;
using Portal.Web.Tenancy;

namespace Portal.Web.Features.Security;

/// <summary>A passkey as its owner sees it; <see cref="Id"/> is the credential id in base64url.</summary>
public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt);

public enum PasskeyChange
{
    Done,

    /// <summary>The person has not proved who they are recently enough; they must confirm it first.</summary>
    NotRecent,

    /// <summary>No passkey of theirs has that id.</summary>
    NotFound,

    /// <summary>The name is empty or too long.</summary>
    InvalidName,

    /// <summary>The browser's credential did not pass verification (or no registration was started).</summary>
    Rejected,

    LimitReached,
}

/// <summary>
/// The signed-in person's passkeys: listing, registering, renaming and removing. Every change needs a recent proof of
/// identity, and is saved together with its audit event and a notice to the person's address in one transaction.
/// Runs in a request (the attestation state lives in a cookie), so it uses the request's context, shared with
/// <see cref="UserManager{TUser}"/>.
/// </summary>
public sealed class UserPasskeys(
    CurrentUser currentUser,
    SignInManager<PortalUser> signInManager,
    PortalDbContext db,
    UserSessions sessions,
    AuditLog audit,
    AccountNotices notices,
    AccountHolderGuard guard,
    TimeProvider time,
    IStringLocalizer<Strings> localizer)
{
    public const int MaxNameLength = 50;

    /// <summary>Enough for every device a person owns; a bound keeps one account from filling the table.</summary>
    public const int MaxPasskeys = 20;

    private UserManager<PortalUser> Users => signInManager.UserManager;

    public async Task<IReadOnlyList<PasskeyView>> ListAsync()
    {
        var user = await RequireUserAsync();
        var passkeys = await Users.GetPasskeysAsync(user);
        return [.. passkeys.OrderBy(p => p.CreatedAt).Select(p => new PasskeyView(Encode(p.CredentialId), p.Name ?? "", p.CreatedAt))];
    }

    /// <summary>Whether the person may change passkeys now, or must first confirm who they are.</summary>
    public Task<bool> IsRecentlyAuthenticatedAsync() =>
        sessions.IsRecentlyAuthenticatedAsync(currentUser.Principal.Session(), currentUser.UserId);

    /// <summary>Starts a registration: the options for <c>navigator.credentials.create()</c>, or null when not allowed now.</summary>
    public async Task<string?> CreationOptionsAsync()
    {
        await guard.EnsureAsync(AccountHolderActions.Passkeys);
        if (!await IsRecentlyAuthenticatedAsync())
        {
            return null;
        }

        var user = await RequireUserAsync();
        return await signInManager.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.UserName!,
            DisplayName = user.DisplayName,
        });
    }

    /// <summary>Verifies the browser's new credential against the registration this browser started, and keeps it.</summary>
    public async Task<PasskeyChange> AddAsync(string credentialJson, string name)
    {
        var (user, refusal) = await BeginChangeAsync(name);
        if (user is null)
        {
            return refusal;
        }

        if ((await Users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            return PasskeyChange.LimitReached;
        }

        var attestation = await AttestAsync(credentialJson);
        if (attestation is not { Succeeded: true } || attestation.UserEntity.Id != user.Id)
        {
            return PasskeyChange.Rejected;
        }

        // The handler stamps the machine clock; the portal's clock is the one every other record uses.
        var verified = attestation.Passkey;
        var passkey = new UserPasskeyInfo(verified.CredentialId, verified.PublicKey, time.GetUtcNow(), verified.SignCount, verified.Transports,
            verified.IsUserVerified, verified.IsBackupEligible, verified.IsBackedUp, verified.AttestationObject, verified.ClientDataJson)
        {
            Name = name.Trim(),
        };
        return await SaveAsync(user, new AuditRecord(AuditActions.PasskeyAdded, SubjectId: user.Id, Target: passkey.Name),
            localizer["Passkeys_AddedSubject"], localizer["Passkeys_AddedBody", passkey.Name], () => Users.AddOrUpdatePasskeyAsync(user, passkey));
    }

    public async Task<PasskeyChange> RenameAsync(string id, string name)
    {
        var (user, refusal) = await BeginChangeAsync(name);
        if (user is null)
        {
            return refusal;
        }

        if (await FindAsync(user, id) is not { } passkey)
        {
            return PasskeyChange.NotFound;
        }

        var oldName = passkey.Name ?? "";
        passkey.Name = name.Trim();
        return await SaveAsync(user, new AuditRecord(AuditActions.PasskeyRenamed, SubjectId: user.Id, Target: $"{oldName} → {passkey.Name}"),
            localizer["Passkeys_RenamedSubject"], localizer["Passkeys_RenamedBody", oldName, passkey.Name], () => Users.AddOrUpdatePasskeyAsync(user, passkey));
    }

    public async Task<PasskeyChange> RemoveAsync(string id)
    {
        var (user, refusal) = await BeginChangeAsync(newName: null);
        if (user is null)
        {
            return refusal;
        }

        if (await FindAsync(user, id) is not { } passkey)
        {
            return PasskeyChange.NotFound;
        }

        var name = passkey.Name ?? "";
        return await SaveAsync(user, new AuditRecord(AuditActions.PasskeyRemoved, SubjectId: user.Id, Target: name),
            localizer["Passkeys_RemovedSubject"], localizer["Passkeys_RemovedBody", name], () => Users.RemovePasskeyAsync(user, passkey.CredentialId));
    }

    public static bool IsValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Trim().Length <= MaxNameLength;

    /// <summary>The account to change, or why no change may be made now; every write passes through here first.</summary>
    private async Task<(PortalUser? User, PasskeyChange Refusal)> BeginChangeAsync(string? newName)
    {
        await guard.EnsureAsync(AccountHolderActions.Passkeys);
        if (newName is not null && !IsValidName(newName))
        {
            return (null, PasskeyChange.InvalidName);
        }

        return await IsRecentlyAuthenticatedAsync() ? (await RequireUserAsync(), PasskeyChange.Done) : (null, PasskeyChange.NotRecent);
    }

    /// <summary>The change, its notice and its audit event commit together or not at all.</summary>
    private async Task<PasskeyChange> SaveAsync(PortalUser user, AuditRecord record, string subject, string body, Func<Task<IdentityResult>> change)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!(await change()).Succeeded)
        {
            return PasskeyChange.Rejected;
        }

        await notices.AddAsync(db, user.Email!, user.FirstName, subject, [body, localizer["Passkeys_NoticeAdvice"]]);
        await audit.AppendAsync(db, record);
        await transaction.CommitAsync();
        return PasskeyChange.Done;
    }

    private async Task<PasskeyAttestationResult?> AttestAsync(string credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return null;
        }

        try
        {
            return await signInManager.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No registration was started in this browser (or it was already used): nothing to verify against.
            return null;
        }
    }

    private async Task<UserPasskeyInfo?> FindAsync(PortalUser user, string id) =>
        TryDecode(id) is { } credentialId ? await Users.GetPasskeyAsync(user, credentialId) : null;

    private async Task<PortalUser> RequireUserAsync() =>
        await Users.FindByIdAsync(currentUser.UserId ?? throw new InvalidOperationException("No one is signed in."))
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");

    private static string Encode(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    private static byte[]? TryDecode(string id)
    {
        try
        {
            return string.IsNullOrEmpty(id) || id.Length > 2048 ? null : WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
