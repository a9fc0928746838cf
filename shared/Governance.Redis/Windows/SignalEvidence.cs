using Governance.Contracts;
using Governance.Rules.Windows;
using StackExchange.Redis;

namespace Governance.Redis.Windows;

/// <summary>
/// The evidence of each decided signal as it stood at its triggering event (<see cref="FiringEvidence"/>):
/// the state's ring before this batch, read from Redis (the batch's write for a firing creator is
/// still held back; one pipelined round trip), with the batch's contributions up to the trigger.
/// Taking the ring after the whole batch instead would let later events of the same batch push out
/// evidence, so that the same stream cut into other batches gave other evidence.
/// </summary>
internal static class SignalEvidence
{
    /// <summary>Per deferred write, per decided signal, its evidence; one pipelined round trip.</summary>
    public static async Task<IReadOnlyList<EvidenceItem>[][]> ReadAsync(IWindowHashes hashes, int evidenceLimit, ApplyRound round, List<DeferredWrite> deferred, CancellationToken cancellationToken)
    {
        var pipeline = hashes.CreateBatch();
        var before = new Task<RedisValue[]>[deferred.Count][];
        for (var d = 0; d < deferred.Count; d++)
        {
            var creatorId = round.Batch[deferred[d].Index].CreatorId;
            before[d] = [.. deferred[d].Decided.Select(f => pipeline.ReadAsync(creatorId, EvidenceRing.AllFields(StateFields.Hash(f.EvidenceKey), evidenceLimit)))];
        }

        pipeline.Execute();
        var evidence = new IReadOnlyList<EvidenceItem>[deferred.Count][];
        for (var d = 0; d < deferred.Count; d++)
        {
            var (index, _, decided, _, _) = deferred[d];
            evidence[d] = new IReadOnlyList<EvidenceItem>[decided.Count];
            for (var f = 0; f < decided.Count; f++)
            {
                var stored = (await before[d][f].WaitAsync(cancellationToken))
                    .Select(v => EvidenceRing.Parse(v))
                    .OfType<EvidenceItem>()
                    .OrderByDescending(e => e.OccurredAt)
                    .ThenBy(e => e.EventId, StringComparer.Ordinal);
                var added = Contributions(round.Batch[index], round.Outcomes[index], decided[f].EvidenceKey, decided[f].EventIndex);
                evidence[d][f] = FiringEvidence.Select(stored.Concat(added), evidenceLimit, decided[f].Window, decided[f].WindowEnd);
            }
        }

        return evidence;
    }

    /// <summary>The batch's events up to <paramref name="last"/> that the state <paramref name="key"/> kept as evidence, in input order.</summary>
    private static IEnumerable<EvidenceItem> Contributions(CreatorUpdates creator, CreatorOutcome outcome, string key, int last)
    {
        for (var i = 0; i <= last; i++)
        {
            var e = creator.Events[i];
            if (outcome.Events[i].Status != EventStatus.Applied)
            {
                continue;
            }

            foreach (var u in e.Updates)
            {
                if (u.Apply && u.KeepEvidence && e.OccurredAt > outcome.Events[i].WindowEnd - u.Window && string.Equals(u.Key, key, StringComparison.Ordinal))
                {
                    yield return new EvidenceItem { EventId = e.EventId, Type = e.Type, OccurredAt = e.OccurredAt };
                    break;
                }
            }
        }
    }
}
