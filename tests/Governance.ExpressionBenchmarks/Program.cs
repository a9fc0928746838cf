using System.Globalization;
using Governance.ExpressionBenchmarks;

// Expression engines on the same rule conditions and events: figures, not a pass/fail test.
// `dotnet run -c Release --project tests/Governance.ExpressionBenchmarks [-- seconds-per-engine]`
var budget = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 4);
var events = SampleEvents.Create(256);
var harness = new Harness(events, Conditions.All, budget);
IEngine[] engines =
[
    new OwnEngine(), // the reference for agreement
    new DynamicExpressoEngine(),
    new CelEngine(),
];

var results = new List<EngineResult>();
foreach (var engine in engines)
{
    Console.Error.WriteLine($"measuring {engine.Name} ...");
    results.Add(harness.Run(engine));
}

Console.Write(Report.Format(results, Conditions.All, events.Count));
return results.Any(r => r.Disagreements.Count > 0) ? 1 : 0;
