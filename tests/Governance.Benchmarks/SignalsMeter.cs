using System.Diagnostics.Metrics;
using Governance.Signals;

namespace Governance.Benchmarks;

/// <summary>Reads the worker's own instruments: events (every outcome), signals published, batch time.</summary>
internal sealed class SignalsMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _events;
    private long _published;
    private long _batches;
    private long _batchMicros;
    private long _longestBatchMicros;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _ages = new(StringComparer.Ordinal);

    public SignalsMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SignalsTelemetry.Name && instrument.Name is "governance.signals.events" or "governance.signals.published" or "governance.signals.batch.duration" or "governance.signals.input.age")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "governance.signals.events")
            {
                Interlocked.Add(ref _events, value);
            }
            else
            {
                Interlocked.Add(ref _published, value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, seconds, tags, _) =>
        {
            if (instrument.Name == "governance.signals.input.age")
            {
                var stage = tags.Length > 0 ? tags[0].Value as string ?? "" : "";
                lock (_gate)
                {
                    (_ages.TryGetValue(stage, out var list) ? list : _ages[stage] = []).Add(seconds * 1000);
                }

                return;
            }

            Interlocked.Increment(ref _batches);
            var micros = (long)(seconds * 1e6);
            Interlocked.Add(ref _batchMicros, micros);
            if (micros > Interlocked.Read(ref _longestBatchMicros))
            {
                // One writer (the worker loop records batch durations): no lost update.
                Interlocked.Exchange(ref _longestBatchMicros, micros);
            }
        });
        _listener.Start();
    }

    /// <summary>Events evaluated, all outcomes (applied, duplicate, late, unreadable).</summary>
    public long Events => Interlocked.Read(ref _events);

    public long Published => Interlocked.Read(ref _published);

    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Sum of batch durations: from the batch in hand to its effects done (before the offset commit).</summary>
    public TimeSpan BatchTime => TimeSpan.FromMicroseconds(Interlocked.Read(ref _batchMicros));

    /// <summary>The longest batch since the last call (then starts over).</summary>
    public TimeSpan TakeLongestBatch() => TimeSpan.FromMicroseconds(Interlocked.Exchange(ref _longestBatchMicros, 0));

    /// <summary>The ages (ms) of batches' oldest records recorded since the last call, by stage (prepared, started); then starts over.</summary>
    public Dictionary<string, List<double>> TakeInputAges()
    {
        lock (_gate)
        {
            var ages = new Dictionary<string, List<double>>(_ages, StringComparer.Ordinal);
            _ages.Clear();
            return ages;
        }
    }

    public void Dispose() => _listener.Dispose();
}
