namespace Portal.Web.Features.Notifications;

/// <summary>The preference centre's choices as loaded, as plain data the prerendered page hands to the interactive one.</summary>
public sealed record NotificationsPageState(NotificationForm Choices);
