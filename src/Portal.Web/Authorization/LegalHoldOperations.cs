namespace Portal.Web.Authorization;

/// <summary>
/// Legal holds and the archives they keep. Placing and lifting a hold: Portal's staff (Support or PlatformAdmin), on a
/// person of any organisation, since the obligation is the operator's and no organisation's. Reading a held archive:
/// PlatformAdmin alone, each read audited. An agent acting for someone carries that person's claims and no staff role,
/// so neither is ever done while acting for someone; no organisation role grants either.
/// </summary>
public static class LegalHoldOperations
{
    public const string Manage = Policies.Support;

    public const string ReadArchive = Policies.PlatformAdmin;
}
