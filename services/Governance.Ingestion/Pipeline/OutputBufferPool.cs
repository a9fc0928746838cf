namespace Governance.Ingestion.Pipeline;

/// <summary>
/// Exact-length arrays for normalized record values, reused once their batch is acknowledged. The
/// producer copies a value into librdkafka while <c>Produce</c> runs, so an array is free again as soon
/// as its batch has been produced for the last time; Confluent's typed API takes whole arrays only,
/// hence exact lengths rather than <see cref="System.Buffers.ArrayPool{T}"/>'s larger ones. Arrays of a
/// batch that is given up are simply left to the GC. Thread-safe: rented on the poll thread, returned
/// from the delivery task.
/// </summary>
internal sealed class OutputBufferPool(int capacity)
{
    private readonly Dictionary<int, Stack<byte[]>> _byLength = [];
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>An array of exactly <paramref name="length"/> bytes (contents undefined).</summary>
    public byte[] Rent(int length)
    {
        lock (_lock)
        {
            if (_byLength.TryGetValue(length, out var free) && free.TryPop(out var array))
            {
                _count--;
                return array;
            }
        }

        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Takes back arrays no longer read by anyone; beyond the capacity they go to the GC.</summary>
    public void Return(IEnumerable<byte[]> arrays)
    {
        lock (_lock)
        {
            foreach (var array in arrays)
            {
                if (_count >= capacity)
                {
                    return;
                }

                if (!_byLength.TryGetValue(array.Length, out var free))
                {
                    _byLength[array.Length] = free = new Stack<byte[]>();
                }

                free.Push(array);
                _count++;
            }
        }
    }
}
