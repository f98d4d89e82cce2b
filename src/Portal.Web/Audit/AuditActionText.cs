using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Audit;

/// <summary>An audit action code in words (<c>Audit_&lt;code&gt;</c>), or the code itself when it has none.</summary>
public static class AuditActionText
{
    public static string DescribeAction(this IStringLocalizer<Strings> localizer, string code)
    {
        var text = localizer[$"Audit_{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }
}
