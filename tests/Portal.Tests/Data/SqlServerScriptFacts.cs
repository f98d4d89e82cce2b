using System.Text.RegularExpressions;

namespace Portal.Tests.Data;

/// <summary>Reads tables, columns, keys and indexes out of a SQL Server DDL script, offline.</summary>
internal static partial class SqlServerScriptFacts
{
    public static SortedSet<string> Read(string script)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match table in CreateTablePattern().Matches(script))
        {
            var name = table.Groups["table"].Value;
            if (name == "__EFMigrationsHistory")
            {
                continue;
            }

            facts.Add($"table {name}");
            foreach (var line in table.Groups["body"].Value.Split('\n').Select(l => l.Trim().TrimEnd(',')))
            {
                var column = ColumnPattern().Match(line);
                if (column.Success)
                {
                    facts.Add($"column {name}.{column.Groups["name"].Value} {column.Groups["type"].Value} {column.Groups["null"].Value}{(line.Contains("IDENTITY", StringComparison.Ordinal) ? " identity" : "")}");
                }
                else if (line.StartsWith("CONSTRAINT", StringComparison.Ordinal))
                {
                    facts.Add($"constraint {name}: {line}");
                }
            }
        }

        foreach (Match added in AddColumnPattern().Matches(script))
        {
            var column = ColumnPattern().Match(added.Groups["column"].Value);
            facts.Add($"column {added.Groups["table"].Value}.{column.Groups["name"].Value} {column.Groups["type"].Value} {column.Groups["null"].Value}");
        }

        foreach (Match index in CreateIndexPattern().Matches(script))
        {
            facts.Add($"index {index.Value.Trim().TrimEnd(';')}");
        }

        return facts;
    }

    [GeneratedRegex(@"CREATE TABLE \[(?<table>[^\]]+)\] \((?<body>.*?)\n\s*\);", RegexOptions.Singleline)]
    private static partial Regex CreateTablePattern();

    [GeneratedRegex(@"^\[(?<name>[^\]]+)\] (?<type>[a-z0-9]+(\([^)]*\))?) (?<null>NOT NULL|NULL)")]
    private static partial Regex ColumnPattern();

    [GeneratedRegex(@"ALTER TABLE \[(?<table>[^\]]+)\] ADD (?<column>\[[^;]+);")]
    private static partial Regex AddColumnPattern();

    [GeneratedRegex(@"CREATE (UNIQUE )?INDEX [^;]+;")]
    private static partial Regex CreateIndexPattern();
}
