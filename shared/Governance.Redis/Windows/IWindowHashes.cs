using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// Where <see cref="HeldWindowStore"/> keeps each creator's hash: Redis for the worker, memory for a
/// backtest or a rules test. The store's window code is the same over both.
/// </summary>
internal interface IWindowHashes : IDisposable
{
    /// <summary>
    /// True once after the backend may have lost acknowledged writes or been written behind the
    /// store's back (a Redis connection restored): the held states must be reread.
    /// </summary>
    bool TakeRestored();

    /// <summary>Starts a set of commands sent together (one round trip on Redis) by <see cref="IWindowHashBatch.Execute"/>.</summary>
    IWindowHashBatch CreateBatch();

    /// <summary>Stores <paramref name="candidate"/> (Unix ms) as the deployment's epoch unless one is stored; the stored one.</summary>
    Task<long> EpochAsync(long candidate, CancellationToken cancellationToken);

    /// <summary>When each state of <paramref name="stateKeys"/> began (Unix ms), set once (<see cref="HeldWindowStore.StateEpochsAsync"/>).</summary>
    Task<long[]> StateEpochsAsync(string[] stateKeys, long deploymentEpoch, long now, CancellationToken cancellationToken);
}
