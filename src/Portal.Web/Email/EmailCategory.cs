namespace Portal.Web.Email;

/// <summary>Why a message is sent. Transactional categories cannot be turned off by the recipient.</summary>
public enum EmailCategory
{
    AccountSecurity,
    ServiceAnnouncement,
    Promotional,
}

public static class EmailCategories
{
    public static bool IsTransactional(this EmailCategory category) => category is EmailCategory.AccountSecurity or EmailCategory.ServiceAnnouncement;
}
