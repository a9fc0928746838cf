namespace Governance.Benchmarks;

/// <summary>
/// Redis server counters at one instant: CPU of the main thread (every Lua call runs there), forks (RDB
/// snapshots: the Debian configuration saves after 10,000 changes in 60 s; a child's CPU is only reported
/// once it exits, so forks are counted instead), and <c>INFO commandstats</c> (commands called from Lua are
/// counted too).
/// </summary>
internal sealed record RedisSnapshot(TimeSpan Cpu, long Forks, IReadOnlyDictionary<string, (long Calls, double Micros)> Commands);
