namespace Portal.Tests.Architecture;

/// <summary>Where the rule tests read the source they check.</summary>
internal static class SourceTree
{
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Portal.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("Portal.sln is not above the test's output directory.");
        }

        return root.FullName;
    }
}
