using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Portal.Web;

/// <summary>
/// The one way to write a CSV file for people to download. A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return gets a leading <c>'</c> (OWASP's advice on CSV injection), because a
/// spreadsheet would otherwise run it as a formula — and audit targets, names and user agents are typed by users.
/// </summary>
internal static class CsvExport
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    };

    public static CsvWriter CreateWriter(TextWriter writer) => new(writer, Configuration);
}
