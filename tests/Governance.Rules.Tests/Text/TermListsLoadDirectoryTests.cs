using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class TermListsLoadDirectoryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("term-lists-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void EachTextFileIsAListNamedAfterIt()
    {
        File.WriteAllText(Path.Combine(directory, "health-claims.txt"), "# health\nmilagro*\n");
        File.WriteAllText(Path.Combine(directory, "counterfeit.txt"), "réplica aaa\n");
        File.WriteAllText(Path.Combine(directory, "notes.md"), "not a list\n");
        Directory.CreateDirectory(Path.Combine(directory, "old"));
        File.WriteAllText(Path.Combine(directory, "old", "retired.txt"), "cura\n");

        var lists = TermLists.LoadDirectory(directory);

        Assert.Equal(["counterfeit", "health-claims"], lists.Names);
        Assert.True(lists.Matches("crema milagrosa", "health-claims"));
        Assert.Equal(Path.Combine(directory, "counterfeit.txt"), lists.Lists[0].Source);
    }

    [Fact]
    public void ErrorsOfEveryFileAreReportedTogether()
    {
        File.WriteAllText(Path.Combine(directory, "a.txt"), "ok\ncura el||la\n");
        File.WriteAllText(Path.Combine(directory, "b.txt"), "mi*lagro\n");
        File.WriteAllText(Path.Combine(directory, "Bad Name.txt"), "ok\n");

        var error = Assert.Throws<TermListException>(() => TermLists.LoadDirectory(directory));

        Assert.Equal(
            [
                $"{Path.Combine(directory, "Bad Name.txt")}: list name 'Bad Name' must be lower-case letters, digits and '-', starting with a letter or digit",
                $"{Path.Combine(directory, "a.txt")}:2: empty alternative in 'cura el||la'",
                $"{Path.Combine(directory, "b.txt")}:1: '*' may only end a word: 'mi*lagro' in 'mi*lagro'",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void MissingDirectoryIsAnError() =>
        Assert.Throws<DirectoryNotFoundException>(() => TermLists.LoadDirectory(Path.Combine(directory, "missing")));
}
