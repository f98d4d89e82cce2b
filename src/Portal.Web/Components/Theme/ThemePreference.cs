namespace Portal.Web.Components.Theme;

/// <summary>
/// Light or dark: the person's own choice when they made one (remembered in a cookie), otherwise their system's.
/// A static page learns the system's choice from the <c>Sec-CH-Prefers-Color-Scheme</c> hint the portal asks for;
/// an interactive page asks the browser and follows it as it changes.
/// </summary>
public sealed record ThemePreference(bool? ChosenDark, bool SystemDark)
{
    public const string CookieName = "Portal.Theme";

    public const string SystemHint = "Sec-CH-Prefers-Color-Scheme";

    public bool IsDark => ChosenDark ?? SystemDark;

    /// <summary>What a cached page varies by: the palette it was rendered in.</summary>
    public string Key => IsDark ? "dark" : "light";

    public static ThemePreference From(HttpContext context)
    {
        var chosen = context.Request.Cookies[CookieName] switch
        {
            "dark" => true,
            "light" => (bool?)false,
            _ => null,
        };
        var system = string.Equals(context.Request.Headers[SystemHint].ToString().Trim('"'), "dark", StringComparison.OrdinalIgnoreCase);
        return new ThemePreference(chosen, system);
    }
}
