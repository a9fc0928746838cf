using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class DefaultTermListsTests
{
    [Fact]
    public void AllDefaultListsLoad()
    {
        var lists = DefaultTermLists.Lists;

        Assert.Equal(
            ["counterfeit", "fake-discount", "health-claims", "not-genuine", "off-platform-contact", "off-platform-payment"],
            lists.Names);
        Assert.All(lists.Lists, l => Assert.NotEmpty(l.Entries));
        Assert.All(lists.Names, name => Assert.True(lists.Contains(name)));
    }

    [Fact]
    public void EveryListFileStartsWithAHeaderNamingIt()
    {
        foreach (var path in Directory.GetFiles(DefaultTermLists.Folder, "*.txt"))
        {
            var first = File.ReadLines(path).First();
            Assert.StartsWith($"# {Path.GetFileNameWithoutExtension(path)}: ", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryDefaultTermMatchesItsOwnWording()
    {
        // Built from each term's first alternatives (a stem gets a longer word), this catches a
        // term the compiler would split or chain wrongly, and a term one of its list's own
        // exclusions would always cancel.
        var lists = DefaultTermLists.Lists;
        var dead = new List<string>();
        foreach (var list in lists.Lists)
        {
            foreach (var entry in list.Entries.Where(e => !e.IsExclusion))
            {
                var sample = string.Join(' ', entry.Positions.Select(p => p[0].IsStem ? p[0].Text + "os" : p[0].Text));
                if (!lists.FindAll(sample).Any(m => m.ListName == list.Name && m.Line == entry.Line))
                {
                    dead.Add($"{list.Source}:{entry.Line}: '{sample}'");
                }
            }
        }

        Assert.Empty(dead);
    }

    [Fact]
    public void ScanningAllListsIsOnePassOverATypicalCaption()
    {
        // An instance of its own: the shared one is scanned by tests running in parallel.
        var lists = TermLists.LoadDirectory(DefaultTermLists.Folder);
        var passes = new List<int>();
        lists.Automaton.PassObserver = passes.Add;
        const string caption = "¡Nueva crema para la piel! Envíos a todo el país, pago seguro en la app. Hidrata y suaviza, ideal para el invierno.";

        var scan = lists.Scan(caption);
        var matched = lists.Names.Where(scan.Has).ToList();

        Assert.True(lists.Names.Count > 1, "one list proves nothing about scanning all of them");
        Assert.Empty(matched);
        // The normalized caption with the space the matcher pads each end with, read once whatever the number of lists.
        Assert.Equal([TextNormalizer.Normalize(caption).Length + 2], passes);
    }
}
