using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Cli.Commands;
using Spectre.Console;

namespace Governance.Cli.Rules;

/// <summary>Prints a <see cref="LabelledReport"/> as Spectre tables or as one JSON document (latencies in seconds).</summary>
internal static class LabelledReportWriter
{
    public static void WriteTable(LabelledReport report)
    {
        var table = new Table().Title("Signals against the truth (per rule; overall = enforced rules; alerts = first CreatorFlagged per creator under the escalation policy)")
            .AddColumns("rule", "mode", "flagged", "TP", "FP", "abusive", "caught", "precision", "recall", "p50 first abuse→signal", "p95", "p95 after complete");
        foreach (var row in report.Rules.Append(report.Overall).Concat(report.Alerts is { } a ? [a] : []))
        {
            table.AddRow(
                row == report.Overall || row == report.Alerts ? $"[bold]{row.Name}[/]" : row.Name, row.Mode, Count(row.Flagged), Count(row.TruePositives), Count(row.FalsePositives),
                Count(row.Abusive), Count(row.Caught), Ratio(row.Precision), Ratio(row.Recall), Time(row.LatencyP50), Time(row.LatencyP95), Time(row.AfterCompleteP95));
        }

        Terminal.Current().Write(table);
        var patterns = new Table().Title("Per pattern of the truth (flagged by any enforced rule)").AddColumns("pattern", "label", "creators", "flagged", "rules that fired");
        foreach (var p in report.Patterns)
        {
            patterns.AddRow(p.Pattern, p.Label, Count(p.Creators), Count(p.Flagged), string.Join(", ", p.Rules));
        }

        Terminal.Current().Write(patterns);
    }

    public static void WriteJson(LabelledReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("rules");
            foreach (var row in report.Rules)
            {
                Write(w, row);
            }

            w.WriteEndArray();
            w.WritePropertyName("overall");
            Write(w, report.Overall);
            if (report.Alerts is { } alerts)
            {
                w.WritePropertyName("alerts");
                Write(w, alerts);
            }

            w.WriteStartArray("patterns");
            foreach (var p in report.Patterns)
            {
                w.WriteStartObject();
                w.WriteString("pattern", p.Pattern);
                w.WriteString("label", p.Label);
                w.WriteNumber("creators", p.Creators);
                w.WriteNumber("flagged", p.Flagged);
                w.WriteStartArray("rules");
                p.Rules.ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Write(Utf8JsonWriter w, ScoreRow row)
    {
        w.WriteStartObject();
        w.WriteString("rule", row.Name);
        w.WriteString("mode", row.Mode);
        w.WriteNumber("flagged", row.Flagged);
        w.WriteNumber("truePositives", row.TruePositives);
        w.WriteNumber("falsePositives", row.FalsePositives);
        w.WriteNumber("abusive", row.Abusive);
        w.WriteNumber("caught", row.Caught);
        Number(w, "precision", row.Precision);
        Number(w, "recall", row.Recall);
        Number(w, "latencyP50Seconds", row.LatencyP50?.TotalSeconds);
        Number(w, "latencyP95Seconds", row.LatencyP95?.TotalSeconds);
        Number(w, "afterCompleteP95Seconds", row.AfterCompleteP95?.TotalSeconds);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Time(TimeSpan? value) => value switch
    {
        null => "–",
        { TotalHours: >= 1 } t => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m"),
        { TotalMinutes: >= 1 } t => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s"),
        { } t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s"),
    };
}
