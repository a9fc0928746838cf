using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;

namespace Governance.Benchmarks;

/// <summary>Counts messages arriving on a queue, with the time of each and its latency from the signal's detection.</summary>
internal sealed class OutputProbe(IConnection connection, IChannel channel) : IAsyncDisposable
{
    private readonly List<(long Ticks, double LatencyMs)> _arrivals = new(100_000);
    private DateTimeOffset _lastArrival;

    public int Count
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.Count;
            }
        }
    }

    public void Record(ReadOnlySpan<byte> body)
    {
        var now = DateTimeOffset.UtcNow;
        var latency = double.NaN;
        if (Parse)
        {
            latency = LatencyOf(body, now);
        }

        lock (_arrivals)
        {
            _arrivals.Add((Stopwatch.GetTimestamp(), latency));
            _lastArrival = now;
        }
    }

    /// <summary>Whether arrivals are parsed for their latency (costs CPU the measured code shares).</summary>
    public bool Parse { get; set; } = true;

    private static double LatencyOf(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var latency = double.NaN;
        using (var envelope = JsonDocument.Parse(body.ToArray()))
        {
            var message = envelope.RootElement.GetProperty("message");
            if (message.TryGetProperty("signals", out var signals))
            {
                latency = (now - signals.EnumerateArray().Max(s => s.GetProperty("detectedAt").GetDateTimeOffset())).TotalMilliseconds;
            }
            else if (message.TryGetProperty("detectedAt", out var detected))
            {
                latency = (now - detected.GetDateTimeOffset()).TotalMilliseconds;
            }
        }

        return latency;
    }

    /// <summary>Wall-clock time of the latest arrival (compared with PostgreSQL's <c>now()</c> of the first batch).</summary>
    public DateTimeOffset LastArrival
    {
        get
        {
            lock (_arrivals)
            {
                return _lastArrival;
            }
        }
    }

    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Count < count && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        return Count >= count;
    }

    /// <summary>Messages per second between the first and the last arrival.</summary>
    public double Rate()
    {
        lock (_arrivals)
        {
            return _arrivals.Count < 2 ? double.NaN : (_arrivals.Count - 1) / Stopwatch.GetElapsedTime(_arrivals[0].Ticks, _arrivals[^1].Ticks).TotalSeconds;
        }
    }

    public (double P50, double P99, double Max) Latency(int skip)
    {
        List<double> sorted;
        lock (_arrivals)
        {
            sorted = [.. _arrivals.Skip(skip).Select(a => a.LatencyMs).Where(double.IsFinite).Order()];
        }

        return (Percentile.Of(sorted, 0.5), Percentile.Of(sorted, 0.99), sorted.Count == 0 ? double.NaN : sorted[^1]);
    }

    public void Reset(bool parse)
    {
        Parse = parse;
        lock (_arrivals)
        {
            _arrivals.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
