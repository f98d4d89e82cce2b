using System.Globalization;

namespace Portal.Benchmarks;

/// <summary><c>--name value</c> and <c>--flag</c> options; every option given must be read, so typos fail loudly.</summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandOptions(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                _values[pending] = null;
            }
            else if (pending is not null && _values[pending] is null)
            {
                _values[pending] = arg;
            }
            else
            {
                throw new UsageException($"Unexpected argument '{arg}'.");
            }
        }
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string RequiredText(string name) =>
        Text(name) ?? throw new UsageException($"--{name} is required.");

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public int Number(string name, int fallback, int minimum = 0, int maximum = int.MaxValue)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
        {
            throw new UsageException($"--{name} must be a whole number from {minimum} to {maximum}.");
        }

        return value;
    }

    /// <summary>Call after reading every option the command knows.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>The command line is wrong: the message and the usage are printed, and the exit code is 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
