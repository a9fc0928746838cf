using System.Text.Json;
using Governance.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Governance.Alerting.Scoring;

/// <summary>
/// Signals as stored (their JSON) and parsed, kept across batches (a signal never changes). A busy
/// creator's alert carries up to 100 signals into each revision: reading their payloads from PostgreSQL
/// and parsing them again in every batch that touched the creator was most of a batch's time. A batch
/// reads only the payloads this does not hold. Bounded (<see cref="AlertingOptions.SignalCacheSize"/>): the
/// least recently used go first, and a signal not held is read and parsed again. A caller that needs a
/// signal after adding it keeps its own reference: what was added may be gone at the next lookup.
/// </summary>
internal sealed class ParsedSignals(IOptions<AlertingOptions> options) : IDisposable
{
    private static readonly MemoryCacheEntryOptions One = new() { Size = 1 };

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.SignalCacheSize, CompactionPercentage = 0.25 });

    /// <summary>The stored JSON of a signal held here, or null.</summary>
    public string? Payload(string signalId) => _cache.TryGetValue(signalId, out Entry? held) ? held!.Payload : null;

    /// <summary>A signal held here, or null.</summary>
    public RiskSignalDetected? Held(string signalId) => _cache.TryGetValue(signalId, out Entry? held) ? held!.Message : null;

    /// <summary>The signal parsed from <paramref name="payload"/>, or as parsed (or added) before.</summary>
    public RiskSignalDetected Get(string signalId, string payload)
    {
        if (_cache.TryGetValue(signalId, out Entry? held) && held is not null)
        {
            return held.Message;
        }

        var parsed = JsonSerializer.Deserialize(payload, GovernanceJsonContext.Default.RiskSignalDetected)!;
        _cache.Set(signalId, new Entry(payload, parsed), One);
        return parsed;
    }

    /// <summary>Keeps a signal that arrived as an object, with the JSON it is stored as, so neither is read back.</summary>
    public void Add(RiskSignalDetected signal, string payload) => _cache.Set(signal.SignalId, new Entry(payload, signal), One);

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(string Payload, RiskSignalDetected Message);
}
