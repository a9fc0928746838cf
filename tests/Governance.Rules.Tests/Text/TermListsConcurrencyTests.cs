using Governance.Rules.Text;

namespace Governance.Rules.Tests.Text;

public sealed class TermListsConcurrencyTests
{
    [Fact]
    public async Task ConcurrentReadersGetTheSameAnswersAsOneReader()
    {
        var lists = DefaultTermLists.Lists;
        string[] texts =
        [
            "Esta crema milagrosa cura la diabetes",
            "Réplica AAA de Rolex",
            "Jamón curado de bellota",
            "90% off today only, pay me directly on Zelle",
            "Nothing to see here",
            string.Concat(Enumerable.Repeat("cura el la baja 10 kilos en una semana ", 100)),
        ];
        var expected = texts.Select(t => (Lists: lists.Scan(t).MatchedLists, Matches: lists.FindAll(t))).ToArray();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                // Fresh string instances too, so the last-scan memo is both hit and missed.
                var index = (i + worker) % texts.Length;
                var text = i % 3 == 0 ? new string(texts[index]) : texts[index];
                foreach (var name in lists.Names)
                {
                    Assert.Equal(expected[index].Lists.Contains(name), lists.Matches(text, name));
                }

                Assert.Equal(expected[index].Lists, lists.Scan(text).MatchedLists);
                if (i % 50 == 0)
                {
                    Assert.Equal(expected[index].Matches, lists.FindAll(text));
                }
            }
        }));

        await Task.WhenAll(workers);
    }
}
