using MudBlazor;

namespace Portal.Web.Components.Theme;

/// <summary>The portal's one brand theme: indigo on soft neutrals, in light and dark, with the system's own fonts.</summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4338ca",
            PrimaryDarken = "#3730a3",
            PrimaryLighten = "#6366f1",
            Secondary = "#0f766e",
            Tertiary = "#9d174d",
            // Dark enough for their words on their own tint (chips, text buttons) to read at AA.
            Info = "#075985",
            Success = "#166534",
            Warning = "#92400e",
            Error = "#b91c1c",
            Background = "#f6f7fb",
            Surface = "#ffffff",
            AppbarBackground = "#312e81",
            AppbarText = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2937",
            DrawerIcon = "#4b5563",
            TextPrimary = "#1f2937",
            TextSecondary = "#4b5563",
            ActionDefault = "#4b5563",
            LinesDefault = "#e5e7eb",
            TableLines = "#e5e7eb",
            Divider = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a5b4fc",
            PrimaryContrastText = "#1e1b4b",
            PrimaryDarken = "#818cf8",
            PrimaryLighten = "#c7d2fe",
            Secondary = "#5eead4",
            SecondaryContrastText = "#042f2e",
            Tertiary = "#f9a8d4",
            Info = "#7dd3fc",
            InfoContrastText = "#082f49",
            Success = "#86efac",
            SuccessContrastText = "#052e16",
            Warning = "#fcd34d",
            WarningContrastText = "#451a03",
            Error = "#fca5a5",
            ErrorContrastText = "#450a0a",
            Background = "#0f1117",
            Surface = "#181b24",
            AppbarBackground = "#1e1b4b",
            AppbarText = "#eef2ff",
            DrawerBackground = "#141720",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#cbd5e1",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#cbd5e1",
            ActionDefault = "#cbd5e1",
            LinesDefault = "#2e3342",
            TableLines = "#2e3342",
            Divider = "#2e3342",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts, FontSize = "1.75rem", FontWeight = "600", LineHeight = "1.3" },
            H5 = new H5Typography { FontFamily = Fonts, FontSize = "1.35rem", FontWeight = "600", LineHeight = "1.35" },
            H6 = new H6Typography { FontFamily = Fonts, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = Fonts, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "248px",
        },
    };
}
