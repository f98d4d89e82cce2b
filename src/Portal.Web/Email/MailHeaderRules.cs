using MimeKit;

namespace Portal.Web.Email;

/// <summary>
/// What the outbox lets into a mail header: one line of text. A line break in a subject, a name or an address would let
/// whoever wrote it add headers of their own (a <c>Bcc</c>, a second body), so <see cref="Outbox"/> refuses such a
/// message when it is added, with an error the caller can show, instead of leaving it to fail at delivery.
/// </summary>
public static class MailHeaderRules
{
    /// <summary>Headers the SMTP transport writes itself from the message; extra headers may not replace them.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
    };

    /// <summary>Whether the text holds no line break or other control character (Unicode's line separators included).</summary>
    public static bool IsSingleLine(string value) => FirstControl(value) < 0;

    /// <summary>Throws <see cref="ArgumentException"/> unless the recipient, subject and extra headers can go into a message as they are.</summary>
    public static void EnsureValid(string to, string subject, IReadOnlyDictionary<string, string>? headers)
    {
        EnsureSingleLine(to, "The recipient", nameof(to));
        if (!MailboxAddress.TryParse(to, out _))
        {
            throw new ArgumentException($"The recipient \"{to}\" is not one email address.", nameof(to));
        }

        EnsureSingleLine(subject, "The subject", nameof(subject));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Length == 0 || name.Any(c => c is <= ' ' or > '~' or ':'))
            {
                throw new ArgumentException($"\"{name}\" is not a header name: use printable ASCII letters, digits and hyphens, without a colon.", nameof(headers));
            }

            if (Reserved.Contains(name))
            {
                throw new ArgumentException($"The {name} header is written from the message itself and cannot be given as an extra header.", nameof(headers));
            }

            EnsureSingleLine(value, $"The {name} header", nameof(headers));
        }
    }

    private static void EnsureSingleLine(string value, string what, string parameter)
    {
        if (FirstControl(value) is var at and >= 0)
        {
            throw new ArgumentException(
                $"{what} contains a line break or another control character (U+{(int)value[at]:X4} at position {at + 1}); a mail header holds one line of text.", parameter);
        }
    }

    private static int FirstControl(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]) || value[i] is '\u2028' or '\u2029')
            {
                return i;
            }
        }

        return -1;
    }
}
