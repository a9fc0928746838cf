using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

/// <summary>The lists under <c>rules/terms/</c> of this repository, loaded once for all tests.</summary>
internal static class DefaultTermLists
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "rules", "terms");

    private static readonly Lazy<TermLists> Loaded = new(() => TermLists.LoadDirectory(Folder));

    public static TermLists Lists => Loaded.Value;

    private static string FindRoot()
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
