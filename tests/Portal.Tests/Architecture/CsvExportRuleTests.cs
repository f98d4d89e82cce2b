namespace Portal.Tests.Architecture;

public sealed class CsvExportRuleTests
{
    [Fact]
    public void Every_csv_file_is_written_through_CsvExport()
    {
        var root = SourceTree.RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != "CsvExport.cs" && File.ReadAllText(f).Contains("new CsvWriter(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();

        offenders.ShouldBeEmpty("CSV writers made outside CsvExport do not neutralise formula cells");
    }
}
