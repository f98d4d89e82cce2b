namespace Portal.Tests.Architecture;

public sealed class MarkdownRuleTests
{
    [Fact]
    public void Markdown_is_turned_into_html_only_by_MarkdownRenderer()
    {
        var web = Path.Combine(SourceTree.RepositoryRoot(), "src", "Portal.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && f != "Features/Shared/MarkdownRenderer.cs")
            .Where(f => File.ReadAllText(Path.Combine(web, f)).Contains("Markdig", StringComparison.Ordinal))
            .ToList();

        offenders.ShouldBeEmpty("Markdown rendered elsewhere skips the sanitizer: call MarkdownRenderer.ToHtml");
    }
}
