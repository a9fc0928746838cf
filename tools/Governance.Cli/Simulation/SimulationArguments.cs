using Governance.Rules.Model;

namespace Governance.Cli.Simulation;

/// <summary>Parses the text options of <c>governance simulate</c> (durations as rules write them: 30m, 10h).</summary>
internal static class SimulationArguments
{
    public static TimeSpan ParseDuration(string text, string option) =>
        Duration.TryParse(text, out var value, out var error) ? value : throw new ArgumentException($"{option}: {error}");

    /// <summary>Reads <c>--lag transactions=30m</c> (or <c>content=…</c>) into the two sources' lags.</summary>
    public static (TimeSpan Content, TimeSpan Transactions) ParseLags(IEnumerable<string> lags)
    {
        var (content, transactions) = (TimeSpan.Zero, TimeSpan.Zero);
        foreach (var lag in lags)
        {
            var parts = lag.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = parts.Length == 2 ? ParseDuration(parts[1], "--lag") : throw new ArgumentException($"--lag: '{lag}' is not source=duration (e.g. transactions=30m)");
            switch (parts[0])
            {
                case "content": content = value; break;
                case "transactions" or "transaction": transactions = value; break;
                default: throw new ArgumentException($"--lag: unknown source '{parts[0]}' (content or transactions)");
            }
        }

        return (content, transactions);
    }

    /// <summary>
    /// Event time of a produced stream's start: played at <paramref name="speed"/> seconds of event time per
    /// second from <paramref name="now"/>, the stream ends at the present, never ahead of it (ingestion
    /// rejects event times more than 5 minutes ahead). At speed 1 that is now.
    /// </summary>
    public static DateTimeOffset LiveStart(DateTimeOffset now, TimeSpan duration, double speed) =>
        now - duration + (duration / speed);
}
