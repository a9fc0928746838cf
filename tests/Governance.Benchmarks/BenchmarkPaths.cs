namespace Governance.Benchmarks;

/// <summary>Where the repository (its rule pack and policy) is, from the benchmark's build folder.</summary>
internal static class BenchmarkPaths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Governance.sln not found above " + AppContext.BaseDirectory);
    }
}
