using System.Globalization;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Governance.Cli.Commands;
using Governance.Kafka;
using Governance.Rules.Model;
using Governance.Rules.Packs;
using Governance.SampleData.Simulation;
using Npgsql;
using RabbitMQ.Client.Exceptions;
using Spectre.Console;

namespace Governance.Cli.Watch;

/// <summary>
/// <c>governance watch</c>: taps every stage of the pipeline, shows it live (or one plain line every few
/// seconds when stdout is not a terminal), and when it ends (Ctrl-C, <c>--duration</c>, or the feed's
/// exit) lets the pipeline drain and prints the summary. Exit 0, or 1 when the reconciliation finds
/// something missing, 2 when a source cannot be read at all.
/// </summary>
internal sealed class WatchRunner(WatchOptions options, TimeProvider time)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A signal or alert this recent may still be on its way to the next stage.</summary>
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(10);

    /// <summary>Watches, prints the summary; the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (await WatchAsync(cancellationToken) is not { } watched)
        {
            return 2;
        }

        foreach (var line in watched.Summary.Lines())
        {
            await Console.Out.WriteLineAsync(line);
        }

        var lags = watched.Lags;
        if (!lags.Drained)
        {
            await Console.Out.WriteLineAsync($"  (lag when the summary was taken: ingestion {lags.Ingestion?.ToString(CultureInfo.InvariantCulture) ?? "?"}, signals {lags.Signals?.ToString(CultureInfo.InvariantCulture) ?? "?"}, alerting queue {lags.Alerting?.ToString(CultureInfo.InvariantCulture) ?? "?"})");
        }

        return watched.Summary.Reconciliation.Balanced ? 0 : 1;
    }

    /// <summary>
    /// The watch itself, until it is stopped and the pipeline has drained: the summary, the lags then and the
    /// final counts. Null when a source cannot be read at all (why is on stderr).
    /// </summary>
    internal async Task<WatchResult?> WatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<TruthEntry>? truth = null;
        if (options.TruthPath is { } truthPath)
        {
            truth = await WaitForTruthAsync(truthPath, cancellationToken);
            if (truth is null)
            {
                return null;
            }
        }

        var rules = LoadRules();
        if (options.RulesPath is not null && rules is null)
        {
            return null;
        }

        KafkaNativeLibrary.EnsureLoaded();
        if (!CliKafka.TryBuild(() => new AdminClientBuilder(options.Kafka.Apply(new AdminClientConfig())).SetErrorHandler((_, _) => { }).SetLogHandler((_, _) => { }).Build(), out var built))
        {
            return null;
        }

        using var admin = built;
        var state = new WatchState();
        var abuse = new FirstAbuse(truth ?? []);
        await using var rabbit = await TryRabbitAsync(state, cancellationToken);
        var (store, storeProblem) = await TryStoreAsync(cancellationToken);
        await using var ownedStore = store;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var probe = new LagProbe(admin, options, rabbit, http);
        KafkaTap kafka;
        try
        {
            kafka = await Task.Run(() => KafkaTap.Start(options.Kafka, admin, options.Topics, state, abuse), cancellationToken);
        }
        catch (KafkaException ex)
        {
            await Console.Error.WriteLineAsync($"Kafka at {options.Bootstrap}: {ex.Error.Reason} (are the topics there?)");
            return null;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(CliKafka.ConfigurationProblem(ex));
            return null;
        }

        // The backlog at the start: records before the tap's start that ingestion had not committed yet; they come
        // out during the watch. Taken just after the start, it can only be smaller than it was (never counted twice).
        var backlog = await probe.BehindAsync(options.IngestionGroup, kafka.InputStart);

        using (kafka)
        {
            if (options.ReadyFile is { } ready)
            {
                await File.WriteAllTextAsync(ready, "", cancellationToken);
            }

            var started = time.GetTimestamp();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.Duration is { } duration)
            {
                stop.CancelAfter(duration);
            }

            var feedWatch = options.UntilExitPid is { } pid ? StopWhenExitedAsync(pid, stop) : Task.CompletedTask;
            var lagLoop = LagLoopAsync(probe, state, stop.Token);
            var title = $"governance watch · {options.Bootstrap}" + (options.TruthPath is { } t ? $" · truth {Path.GetFileName(t)}" : "");
            // The display goes on while the pipeline drains, so its last frame (or line) has the final counts.
            using var shown = new CancellationTokenSource();
            var display = DisplayAsync(state, started, title, shown.Token);
            await WaitAsync(stop.Token);
            await feedWatch;
            // Not waited for: a probe in progress may be waiting out a Kafka timeout (the loop ends after it).
            _ = lagLoop;

            // The input is counted up to its ends now: feeds that go on (outsiders', or ours) do not move the reconciliation.
            state.SetSettling(true);
            using var settle = new CancellationTokenSource(options.Settle);
            using var secondInterrupt = OnSecondInterrupt(settle);
            IReadOnlyDictionary<TopicPartition, long>? ends = null;
            try
            {
                ends = await probe.EndsAsync(kafka.InputStart.Keys).WaitAsync(settle.Token);
            }
            catch (OperationCanceledException)
            {
                // Kafka does not answer: nothing frozen
            }

            if (ends is not null)
            {
                kafka.Freeze(ends);
            }

            var (counts, lags) = await SettleAsync(probe, state, store, storeProblem, backlog, ends, settle.Token);
            await shown.CancelAsync();
            await display;
            var detection = truth is null ? null : Detection.Score(truth, options.Scope ?? Detection.ScopeOf(truth), (IReadOnlyList<(string Id, bool Enforced)>?)rules ?? state.Totals().RulesSeen, state.Totals().FirstAlertAt, abuse.ProducedAt());
            var elapsed = time.GetElapsedTime(started);
            var summary = new WatchSummary(elapsed, detection, truth is null ? "no --truth" : null, Reconciliation.Of(counts));
            return new WatchResult(summary, lags, state.Snapshot(elapsed, 0));
        }
    }

    private async Task<IReadOnlyList<TruthEntry>?> WaitForTruthAsync(string path, CancellationToken cancellationToken)
    {
        var waited = time.GetTimestamp();
        while (!File.Exists(path))
        {
            if (time.GetElapsedTime(waited) > options.TruthWait || cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"truth file '{path}' did not appear within {options.TruthWait.TotalSeconds:0} s");
                return null;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        try
        {
            return TruthFile.Read(path);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return null;
        }
    }

    private List<(string Id, bool Enforced)>? LoadRules()
    {
        if (options.RulesPath is not { } path)
        {
            return null;
        }

        try
        {
            var compilation = RulePackCompiler.Compile(RulePackFiles.Read(path));
            if (compilation.Pack is { } pack)
            {
                return [.. pack.Rules.Select(r => (r.Id, r.Definition.Mode == RuleMode.Enforce))];
            }

            Console.Error.WriteLine($"{path}: the rule pack is not valid (governance rules validate --rules {path})");
        }
        catch (DirectoryNotFoundException ex)
        {
            Console.Error.WriteLine(ex.Message);
        }

        return null;
    }

    private async Task<RabbitTap?> TryRabbitAsync(WatchState state, CancellationToken cancellationToken)
    {
        try
        {
            return await RabbitTap.StartAsync(options.Rabbit, state, time, cancellationToken);
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException)
        {
            state.SetProblem($"RabbitMQ at {options.Rabbit.Host}:{options.Rabbit.Port}: {ex.Message} (signals and alerts not counted)");
            return null;
        }
    }

    private async Task<(StoreProbe? Store, string? Problem)> TryStoreAsync(CancellationToken cancellationToken)
    {
        if (options.Database is not { } database)
        {
            return (null, "--db none");
        }

        try
        {
            return (await StoreProbe.OpenAsync(database, options.Schema, cancellationToken), null);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return (null, "PostgreSQL: " + ex.Message);
        }
    }

    private async Task DisplayAsync(WatchState state, long started, string title, CancellationToken stop)
    {
        var (lastInput, lastAt) = (0L, TimeSpan.Zero);
        WatchSnapshot Next(bool final = false)
        {
            // Events/s over the last refresh; in the final frame, over the whole watch.
            var elapsed = time.GetElapsedTime(started);
            var input = state.InputCount;
            var (fromInput, fromAt) = final ? (0L, TimeSpan.Zero) : (lastInput, lastAt);
            var rate = elapsed > fromAt ? (input - fromInput) / (elapsed - fromAt).TotalSeconds : 0;
            (lastInput, lastAt) = (input, elapsed);
            return state.Snapshot(elapsed, rate);
        }

        if (options.Plain || Console.IsOutputRedirected)
        {
            var printed = TimeSpan.Zero;
            while (await Pause(stop))
            {
                var snapshot = Next();
                if (snapshot.Elapsed - printed >= options.PlainInterval)
                {
                    printed = snapshot.Elapsed;
                    await Console.Out.WriteLineAsync(StatusLine.Render(snapshot, options.Language));
                }
            }

            await Console.Out.WriteLineAsync(StatusLine.Render(Next(final: true), options.Language));
            return;
        }

        var console = Terminal.Current();
        await console.Live(LiveView.Render(Next(), title, options.Language)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            while (await Pause(stop))
            {
                context.UpdateTarget(LiveView.Render(Next(), title, options.Language));
            }

            context.UpdateTarget(LiveView.Render(Next(final: true), title, options.Language));
            context.Refresh();
        });
    }

    private static async Task WaitAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // the watch is over
        }
    }

    /// <summary>Waits one refresh; false once stopped.</summary>
    private async Task<bool> Pause(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Refresh, time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LagLoopAsync(LagProbe probe, WatchState state, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                state.SetLags(await probe.ProbeAsync(stop));
                await Task.Delay(LagInterval, time, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Lets what is in flight arrive: until ingestion has committed every input record of the frozen set
    /// (<paramref name="ends"/>, the input's ends when the watch ended), the signal workers every event
    /// written by then, and every checked stage balances twice in a row (half a second apart), or the settle
    /// time is up.
    /// </summary>
    private async Task<(ReconciliationCounts Counts, Lags Lags)> SettleAsync(LagProbe probe, WatchState state, StoreProbe? store, string? storeProblem, long? backlog, IReadOnlyDictionary<TopicPartition, long>? ends, CancellationToken settle)
    {
        var steady = 0;
        var lags = state.Lags;
        var behind = lags.Ingestion;
        IReadOnlyDictionary<TopicPartition, long>? events = null;
        long? signalsBehind = null;
        while (true)
        {
            try
            {
                // Each probe within what is left of the settling: a Kafka that went away answers only after its timeouts.
                lags = await probe.ProbeAsync(CancellationToken.None).WaitAsync(settle);
                behind = ends is null ? lags.Ingestion : await probe.BehindAsync(options.IngestionGroup, ends).WaitAsync(settle);
                if (ends is not null && behind == 0)
                {
                    // Ingestion is through the frozen input: the signal workers must get to where the events topic
                    // ends now (what ingestion wrote later, of others' feeds, is not waited for).
                    events ??= await probe.EventsEndsAsync().WaitAsync(settle);
                    signalsBehind = events is null ? null : await probe.BehindAsync(options.SignalsGroup, events).WaitAsync(settle);
                }
            }
            catch (OperationCanceledException)
            {
                // settle time up: the lags last known
            }

            state.SetLags(lags);
            var tally = state.Totals();
            StoreCheck? check = null;
            if (store is not null)
            {
                try
                {
                    using var bound = new CancellationTokenSource(StoreTimeout);
                    check = await store.CheckAsync(tally.Signals.Keys, Recent, bound.Token);
                }
                catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
                {
                    storeProblem = "PostgreSQL: " + ex.Message;
                }
            }

            var counts = Counts(tally, backlog, behind, check, storeProblem, time.GetUtcNow() - Recent);
            steady = (behind is null or 0) && (signalsBehind is null or 0) && Reconciliation.Of(counts).Settled ? steady + 1 : 0;
            if (steady >= 2 || settle.IsCancellationRequested)
            {
                return (counts, lags);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, settle);
            }
            catch (OperationCanceledException)
            {
                // settle time up: one more pass, then the summary
            }
        }
    }

    /// <param name="recentSince">Signals received after this and not stored yet are in flight, not missing.</param>
    private static ReconciliationCounts Counts(Tally tally, long? backlogAtStart, long? backlogAtEnd, StoreCheck? check, string? storeProblem, DateTimeOffset recentSince)
    {
        var received = tally.Revisions.Select(r => (Normalize(r.AlertId), r.Revision)).ToHashSet();
        var newest = received.GroupBy(r => r.Item1).ToDictionary(a => a.Key, a => a.Max(r => r.Item2));
        var notReceived = check?.Written.Where(w => !received.Contains((Normalize(w.AlertId), w.Revision))).ToList();

        // The outbox does not send a revision whose alert has a newer one waiting: a newer one received stands for it.
        var missing = notReceived?.Where(w => !(newest.TryGetValue(Normalize(w.AlertId), out var n) && n > w.Revision)).ToList();
        var superseded = (notReceived?.Count ?? 0) - (missing?.Count ?? 0);
        return new ReconciliationCounts(
            tally.Input,
            tally.Normalized,
            tally.DeadLettered,
            backlogAtStart,
            backlogAtEnd,
            tally.Signals.Count,
            tally.SignalDeliveries,
            check?.Stored.Count,
            check is null ? null : tally.Signals.Count(s => !check.Stored.Contains(s.Key) && s.Value > recentSince),
            check?.Written.Count,
            received.Count,
            tally.RevisionDeliveries,
            missing?.Count,
            missing?.Count(m => m.Recent),
            storeProblem,
            superseded);
    }

    private static string Normalize(string alertId) => Guid.TryParse(alertId, out var id) ? id.ToString("D") : alertId;

    private async Task StopWhenExitedAsync(int pid, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && !Exited(pid))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await stop.CancelAsync();
    }

    /// <summary>True once the process is gone or a zombie (exited, not yet reaped by its parent).</summary>
    internal static bool Exited(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                var text = File.ReadAllText(stat);
                // "pid (comm) S ...": the state follows the last ')'.
                return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Ctrl-C while settling (a second one, when the first ended the watch) skips the rest of the settling.</summary>
    private static PosixSignalRegistration? OnSecondInterrupt(CancellationTokenSource settle)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                settle.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
