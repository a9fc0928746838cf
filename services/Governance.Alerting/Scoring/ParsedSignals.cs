using System.Text.Json;
using Governance.Contracts;
using Microsoft.Extensions.Caching.Memory;

namespace Governance.Alerting.Scoring;

/// <summary>
/// Signals parsed from their stored JSON, kept across batches (a signal never changes). A busy
/// creator's alert carries up to 100 signals into each revision, and parsing them again in every batch
/// that touched the creator was most of the time spent applying a batch. Bounded: the least recently
/// used go first, and a signal not held is parsed again from its payload.
/// </summary>
internal sealed class ParsedSignals : IDisposable
{
    // About 2 kB each: ~40 MB at most.
    private const int Capacity = 20_000;

    private static readonly MemoryCacheEntryOptions One = new() { Size = 1 };

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <summary>The signal parsed from <paramref name="payload"/>, or as parsed (or added) before.</summary>
    public RiskSignalDetected Get(string signalId, string payload)
    {
        if (_cache.TryGetValue(signalId, out RiskSignalDetected? parsed) && parsed is not null)
        {
            return parsed;
        }

        parsed = JsonSerializer.Deserialize(payload, GovernanceJsonContext.Default.RiskSignalDetected)!;
        _cache.Set(signalId, parsed, One);
        return parsed;
    }

    /// <summary>Keeps a signal that arrived as an object, so it is never parsed back.</summary>
    public void Add(RiskSignalDetected signal) => _cache.Set(signal.SignalId, signal, One);

    public void Dispose() => _cache.Dispose();
}
