using System.Globalization;

namespace Governance.SampleData.Simulation;

/// <summary>
/// A marketplace built from the options' seed: creators with Zipf-skewed activity and their traits,
/// the scenario cast, and the scenarios' events. Built the same way every time for a seed.
/// </summary>
internal sealed class World
{
    private const double ZipfExponent = 1.1;

    // The busiest shops are household names: scenarios are cast among the rest.
    private const int UncastTop = 20;

    private static readonly string[] Locales = ["es-MX", "es-MX", "es-MX", "es-ES", "es-AR", "es-CO", "en-US", "en-US", "en-US", "en-GB"];

    private World(List<Creator> creators, List<EventDraft> drafts, List<TruthEntry> truth, Buyers buyers)
    {
        Creators = creators;
        Drafts = drafts;
        Truth = truth;
        Buyers = buyers;
    }

    public IReadOnlyList<Creator> Creators { get; }

    public IReadOnlyList<EventDraft> Drafts { get; }

    public IReadOnlyList<TruthEntry> Truth { get; }

    public Buyers Buyers { get; }

    public static World Create(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var buyers = new Buyers(options.Seed);
        var creators = Enumerable.Range(0, options.Creators).Select(i => NewCreator(options, i, random)).ToList();
        var drafts = new List<EventDraft>();
        var truth = new List<TruthEntry>();
        var activity = new HonestActivity(random, drafts.Add);
        var start = options.Start;
        var end = options.Start + options.Duration;
        var candidates = Enumerable.Range(UncastTop, options.Creators - UncastTop).OrderBy(_ => random.Next()).ToList();
        var next = 0;
        foreach (var pattern in Patterns.Abuse.Concat(Patterns.Traps))
        {
            for (var n = 0; n < options.CastPerScenario && next < candidates.Count; n++)
            {
                var creator = creators[candidates[next++]];
                creator.Scenario = pattern;
                var scene = new Scene(random, activity, buyers, creator, start, end);
                Casting.Scenario(pattern)(scene);
                var injected = scene.Drafts.Where(d => d.Injected && d.At < end).ToList();
                drafts.AddRange(scene.Drafts);
                var span = scene.Span ?? (injected.Count > 0 ? (injected.Min(d => d.At), injected.Max(d => d.At)) : (end, end));
                if (span.Item1 >= end)
                {
                    // A pattern longer than a short stream may not start before it ends: the creator stays honest and unlabelled.
                    continue;
                }

                var abuse = Patterns.Abuse.Contains(pattern);
                truth.Add(new TruthEntry(creator.Id, pattern, abuse ? TruthEntry.Abuse : TruthEntry.Honest, span.Item1, span.Item2 < end ? span.Item2 : end));
            }
        }

        SizeBackground(options, creators);
        return new World(creators, drafts, truth, buyers);
    }

    /// <summary>
    /// Creators outside the cast share the rest of the rate by Zipf weight, so the whole stream
    /// (background, viewers' comments, scenarios) runs at about the requested events per second.
    /// </summary>
    private static void SizeBackground(SimulationOptions options, List<Creator> creators)
    {
        var target = Math.Max(options.Rate * 3600 * 0.1, (options.Rate * 3600) - creators.Where(c => c.Scenario is not null).Sum(c => c.ExpectedPerHour()));
        var market = creators.Where(c => c.Scenario is null).ToList();
        var weights = market.Select(c => 1 / Math.Pow(c.Index + 1, ZipfExponent)).ToList();
        var total = weights.Sum();

        // Content and comments grow slower than sales, so the sales scale that meets the rate is found by bisection.
        var (low, high) = (0.0, options.Rate * 3600);
        for (var step = 0; step < 60; step++)
        {
            var scale = (low + high) / 2;
            for (var i = 0; i < market.Count; i++)
            {
                market[i].TransactionsPerHour = scale * weights[i] / total;
            }

            (low, high) = market.Sum(c => c.ExpectedPerHour()) < target ? (scale, high) : (low, scale);
        }
    }

    private static Creator NewCreator(SimulationOptions options, int index, Random random)
    {
        var locale = Locales[random.Next(Locales.Length)];
        var category = random.Next(Texts.Categories);
        var basePrice = Math.Round(Math.Exp(Math.Log(25) + (0.8 * ((random.NextDouble() * 2) - 1))), 2);
        var id = string.Create(CultureInfo.InvariantCulture, $"{options.IdPrefix}-s{options.Seed}-c{index:D5}");
        var names = (locale.StartsWith("es", StringComparison.Ordinal) ? Texts.ProductsEs : Texts.ProductsEn)[category];
        // Big shops have big catalogues.
        var products = Enumerable.Range(0, 3 + random.Next(10) + (int)(60 / Math.Sqrt(index + 1))).Select(p => new Product(
            string.Create(CultureInfo.InvariantCulture, $"sku-{index:x}-{p}"),
            names[p % names.Length],
            Math.Round(basePrice * Math.Exp(0.4 * ((random.NextDouble() * 2) - 1)), 2) - 0.01)).ToArray();
        return new Creator
        {
            Index = index,
            Id = id,
            Locale = locale,
            Currency = locale switch { "es-MX" => "MXN", "es-ES" => "EUR", "es-AR" => "ARS", "es-CO" => "COP", "en-GB" => "GBP", _ => "USD" },
            Category = category,
            BasePrice = basePrice,
            Products = products,
            SellerId = random.NextDouble() < 0.3 ? string.Create(CultureInfo.InvariantCulture, $"seller-{random.Next(5_000):D4}") : null,
            Chattiness = 0.5 + random.NextDouble(),
            RefundShare = 0.015 + (0.045 * random.NextDouble()),
            ChargebackShare = 0.0005 + (0.0025 * random.NextDouble()),
            CancelShare = 0.01 + (0.03 * random.NextDouble()),
            CommissionShare = 0.05,
            ReorderShare = 0.05 + (0.2 * random.NextDouble()),
        };
    }
}
