using System.Reflection;
using Portal.Web.Audit;

namespace Portal.Web.Features.Organisations;

/// <summary>The action codes an administrator can filter the organisation's audit log by: every code there is.</summary>
internal static class OrganisationAuditActions
{
    public static readonly IReadOnlyList<string> All = [.. typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)];
}
