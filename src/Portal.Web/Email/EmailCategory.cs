namespace Portal.Web.Email;

/// <summary>Why a message is sent. Transactional categories cannot be turned off by the recipient.</summary>
/// <remarks>Stored by name: add new members, never rename one.</remarks>
public enum EmailCategory
{
    /// <summary>Sign-in, password, email address and other account and security notices.</summary>
    AccountSecurity,

    /// <summary>Changes to the service, its terms or its availability.</summary>
    ServiceAnnouncement,

    /// <summary>Promotions and special offers.</summary>
    Promotional,

    Receipts,

    SupportReplies,

    Newsletter,

    ProductTips,

    PartnerOffers,

    ActivityUpdates,

    Digest,
}

public static class EmailCategories
{
    /// <summary>What the person cannot turn off: they are part of having an account ("receipts, confirmation emails and customer service updates").</summary>
    public static bool IsTransactional(this EmailCategory category) =>
        category is EmailCategory.AccountSecurity or EmailCategory.ServiceAnnouncement or EmailCategory.Receipts or EmailCategory.SupportReplies;
}
