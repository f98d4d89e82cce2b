namespace Portal.Web.Features.Dashboard;

/// <summary>The activity page's first page of events, as plain data the prerendered page hands to the interactive one.</summary>
public sealed record ActivityPageState(ActivityItem[] Events, bool HasMore, string TimeZoneId)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
