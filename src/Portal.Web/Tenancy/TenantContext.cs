namespace Portal.Web.Tenancy;

/// <summary>The organisation whose rows this scope may see. A missing tenant throws; it never defaults.</summary>
public sealed class TenantContext(CurrentUser currentUser)
{
    private Guid? _override;

    public bool HasTenant => _override is not null || TryReadClaim(out _);

    public Guid TenantId
    {
        get
        {
            if (_override is { } id)
            {
                return id;
            }

            return TryReadClaim(out var tenant)
                ? tenant
                : throw new MissingTenantException();
        }
    }

    /// <summary>
    /// True while Portal support acts for the person in read-only mode: this scope may then write nothing but audit
    /// events. It lives here because this is what every context of the scope already reads its rights from.
    /// </summary>
    public bool WritesRefused => Features.Support.ImpersonationClaims.IsReadOnlyImpersonation(currentUser.Principal);

    /// <summary>
    /// Acts for one organisation until the handle is disposed, then for the one before, also when the body throws
    /// (sign-up, seeding, and every unit of work through <see cref="WorkScope.Enter"/>).
    /// </summary>
    public IDisposable Enter(Guid tenantId)
    {
        var previous = _override;
        _override = tenantId;
        return new Restore(this, previous);
    }

    private bool TryReadClaim(out Guid tenant)
    {
        var value = currentUser.Principal.FindFirst(PortalClaims.TenantId)?.Value;
        return Guid.TryParse(value, out tenant);
    }

    private sealed class Restore(TenantContext tenant, Guid? previous) : IDisposable
    {
        public void Dispose() => tenant._override = previous;
    }
}

public sealed class MissingTenantException()
    : InvalidOperationException("No organisation is known for this operation; tenant-owned data cannot be read or written.");
