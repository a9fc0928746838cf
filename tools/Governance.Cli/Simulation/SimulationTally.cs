using System.Globalization;
using Governance.Contracts;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Simulation;

/// <summary>Counts what a simulation wrote, for the summary line.</summary>
internal sealed class SimulationTally
{
    private readonly HashSet<string> _creators = new(StringComparer.Ordinal);
    private long _content;
    private long _transactions;
    private long _invalid;
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    public void Add(SimulatedRecord record, string? rejection = null)
    {
        if (rejection is not null)
        {
            _invalid++;
            return;
        }

        _ = record.Record.Topic == Topics.Content ? _content++ : _transactions++;
        _creators.Add(record.Record.Key);
        _first = _first is { } f && f <= record.OccurredAt ? f : record.OccurredAt;
        _last = _last is { } l && l >= record.OccurredAt ? l : record.OccurredAt;
    }

    public override string ToString()
    {
        var span = _first is { } f && _last is { } l ? l - f : TimeSpan.Zero;
        var covered = span.TotalHours >= 1 ? $"{span.TotalHours:0.0} h" : $"{span.TotalMinutes:0.0} min";
        return string.Create(CultureInfo.InvariantCulture, $"{_content + _transactions} records ({_content} content, {_transactions} transactions) from {_creators.Count} creators over {covered} of event time{(_invalid > 0 ? $", and {_invalid} deliberately invalid" : "")}");
    }
}
