using Governance.Cli.Simulation;
using Governance.Cli.Watch;
using Governance.Contracts;
using Governance.SampleData.Simulation;

namespace Governance.Cli.Tests;

/// <summary>The watcher's pure parts: the reconciliation from counts, the summary text, the plain status line.</summary>
public sealed class WatchReportTests
{
    private static readonly ReconciliationCounts Clean = new(
        Input: 1_000, Normalized: 990, DeadLettered: 10, BacklogAtStart: 0, BacklogAtEnd: 0,
        SignalsPublished: 40, SignalDeliveries: 40, SignalsStored: 40, SignalsInFlight: 0,
        Written: 25, Received: 25, RevisionDeliveries: 25, Missing: 0, InFlight: 0, StoreProblem: null);

    [Fact]
    public void WhenEveryStageBalancesNothingIsLost()
    {
        var r = Reconciliation.Of(Clean);

        Assert.True(r.Balanced);
        Assert.True(r.Settled);
        Assert.Equal(
            [
                "events in 1,000 = normalized 990 + dead-lettered 10: nothing lost",
                "signals 40 published = 40 stored by alerting: nothing lost",
                "alerts 25 revisions written by alerting = 25 queued to moderation.creator-alerts: nothing lost",
            ],
            r.Lines.Select(l => l.Text));
    }

    [Fact]
    public void AnEventThatCameOutNowhereIsMissing()
    {
        var r = Reconciliation.Of(Clean with { Normalized = 989 });

        Assert.False(r.Balanced);
        Assert.Equal("events in 1,000 > normalized 989 + dead-lettered 10: 1 MISSING", r.Lines[0].Text);
    }

    [Fact]
    public void RecordsStillWaitingForIngestionAreInFlightNotLost()
    {
        var r = Reconciliation.Of(Clean with { Normalized = 980, BacklogAtEnd = 10 });

        Assert.True(r.Balanced);
        Assert.False(r.Settled);
        Assert.Equal(LineState.InFlight, r.Lines[0].State);
        Assert.Equal("events in 1,000 = normalized 980 + dead-lettered 10 + 10 still in flight: nothing lost", r.Lines[0].Text);
    }

    [Fact]
    public void ABacklogAtTheStartComesOutDuringTheWatchAndRepeatsAreNotLosses()
    {
        var backlog = Reconciliation.Of(Clean with { Normalized = 1_090, BacklogAtStart = 100 });
        var repeated = Reconciliation.Of(Clean with { Normalized = 995 });

        Assert.Equal("events in 1,000 + 100 waiting at the start = normalized 1,090 + dead-lettered 10: nothing lost", backlog.Lines[0].Text);
        Assert.True(repeated.Balanced);
        Assert.Equal("events in 1,000 < normalized 995 + dead-lettered 10: 5 more out (repeats of at-least-once delivery, or records after the end), nothing lost", repeated.Lines[0].Text);
    }

    [Fact]
    public void RevisionsSupersededBeforeSendingAreAccountedFor()
    {
        var r = Reconciliation.Of(Clean with { Received = 22, RevisionDeliveries = 22, Superseded = 3 });

        Assert.Equal("alerts 25 revisions written by alerting = 22 queued to moderation.creator-alerts + 3 superseded by a newer revision before sending: nothing lost", r.Lines[2].Text);
    }

    [Fact]
    public void SignalsNotStoredAndAlertsNotQueuedAreMissingButWhatIsOnlyJustSentIsInFlight()
    {
        var lost = Reconciliation.Of(Clean with { SignalsStored = 38, Received = 23, RevisionDeliveries = 23, Missing = 2, InFlight = 0 });
        var unsent = Reconciliation.Of(Clean with { Received = 23, RevisionDeliveries = 23, Missing = 2, InFlight = 2 });
        var justPublished = Reconciliation.Of(Clean with { SignalsStored = 38, SignalsInFlight = 2 });
        var partly = Reconciliation.Of(Clean with { SignalsStored = 37, SignalsInFlight = 2 });

        Assert.Equal("signals 40 published > 38 stored by alerting: 2 MISSING", lost.Lines[1].Text);
        Assert.Equal("alerts 25 revisions written by alerting > 23 queued to moderation.creator-alerts: 2 MISSING", lost.Lines[2].Text);
        Assert.False(lost.Balanced);
        Assert.True(unsent.Balanced);
        Assert.Equal(LineState.InFlight, unsent.Lines[2].State);
        Assert.Equal("alerts 25 revisions written by alerting > 23 queued to moderation.creator-alerts: 2 not sent yet, or only just", unsent.Lines[2].Text);
        Assert.Equal("signals 40 published > 38 stored by alerting: 2 only just published, not stored yet", justPublished.Lines[1].Text);
        Assert.False(justPublished.Settled);
        Assert.Equal("signals 40 published > 37 stored by alerting: 1 MISSING", partly.Lines[1].Text);
    }

    [Fact]
    public void WithoutTheDatabaseTheStoredSidesAreNotChecked()
    {
        var r = Reconciliation.Of(Clean with { SignalsStored = null, SignalsInFlight = null, Written = null, Missing = null, InFlight = null, SignalDeliveries = 41, StoreProblem = "--db none" });

        Assert.True(r.Settled);
        Assert.Equal("signals 40 published (1 delivered twice); stored: not checked (--db none)", r.Lines[1].Text);
        Assert.Equal("alerts 25 revisions queued; outbox: not checked (--db none)", r.Lines[2].Text);
    }

    [Fact]
    public void TheSummaryGivesPrecisionRecallLatencyAndTheReconciliation()
    {
        var detection = new Detection("demo-7-s1-c", 30, 27, 3, 0.9, 30, 27, 0.9, 2, 1, 27, TimeSpan.FromSeconds(1.84), TimeSpan.FromSeconds(72));

        var lines = new WatchSummary(TimeSpan.FromSeconds(612), detection, null, Reconciliation.Of(Clean)).Lines().ToList();

        Assert.Equal(
            [
                "== summary after 10m12s",
                "alerts vs ground truth (creators demo-7-s1-c*): flagged 30 (TP 27, FP 3) · precision 0.90 · recall 0.90 (27 of 30 abusive; left out: 2 not begun, 1 of shadow-rule patterns)",
                "first abusive event → alert in the queue (wall clock): p50 1.8 s · p95 1m12s (27 creators)",
                "reconciliation:",
                "  events in 1,000 = normalized 990 + dead-lettered 10: nothing lost",
                "  signals 40 published = 40 stored by alerting: nothing lost",
                "  alerts 25 revisions written by alerting = 25 queued to moderation.creator-alerts: nothing lost",
            ],
            lines);
    }

    [Fact]
    public void WithoutATruthTheSummarySaysWhy()
    {
        var lines = new WatchSummary(TimeSpan.FromHours(1.5), null, "no --truth", Reconciliation.Of(Clean)).Lines().ToList();

        Assert.Equal("== summary after 1h30m00s", lines[0]);
        Assert.Equal("alerts vs ground truth: not scored (no --truth)", lines[1]);
    }

    [Fact]
    public void ThePlainStatusLineHasEveryPanelInOneLine()
    {
        var reasons = new LocalizedReasons
        {
            En = ["Risk score 50 (normal) from 1 signal(s) of 1 rule(s)", "6 refunds within 30 minutes"],
            Es = ["Puntuación de riesgo 50 (normal) por 1 señal(es) de 1 regla(s)", "6 reembolsos en 30 minutos"],
        };
        var snapshot = new WatchSnapshot
        {
            Elapsed = TimeSpan.FromSeconds(65),
            Input = 10_234,
            InputRate = 182.4,
            Normalized = 10_200,
            DeadLettered = [("not_json", 5), ("too_large", 4)],
            SignalsByRule = [("refund-burst", "enforce", 6), ("off-platform-payment", "shadow", 2)],
            AlertsByPriority = [("urgent", 2), ("normal", 24)],
            Revisions = 30,
            Latest = [new AlertView("a1", 1, "demo-7-s1-c00001", "normal", 4, 50, reasons, DateTimeOffset.UnixEpoch)],
            Lags = new Lags(0, 12, null),
        };

        Assert.Equal(
            "00:01:05 in 182/s (10,234) · normalized 10,200 · dead-lettered 9 (not_json 5, too_large 4) · signals 8 (refund-burst 6, off-platform-payment (shadow) 2) · alerts 26 (urgent 2, normal 24) · lag ingestion 0, signals 12, alerting ? · latest demo-7-s1-c00001 normal: 6 refunds within 30 minutes",
            StatusLine.Render(snapshot, "en"));
        Assert.EndsWith("latest demo-7-s1-c00001 normal: 6 reembolsos en 30 minutos", StatusLine.Render(snapshot, "es"), StringComparison.Ordinal);
        Assert.Equal("00:00:00 in 0/s (0) · normalized 0 · dead-lettered 0 · signals 0 · alerts 0 · lag ingestion ?, signals ?, alerting ?", StatusLine.Render(new WatchSnapshot(), "en"));
    }

    [Fact]
    public void TheWatcherStopsWhenTheFeedProcessIsGone()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();

        Assert.False(WatchRunner.Exited(Environment.ProcessId));
        Assert.True(WatchRunner.Exited(process.Id));
    }

    [Fact]
    public void InvalidCopiesFollowEveryNthRecordWithEachReasonInTurnAndLeaveTheStreamAsItWas()
    {
        var simulation = new MarketplaceSimulation(new SimulationOptions { Creators = 100, Rate = 0.2, Duration = TimeSpan.FromHours(1) });
        var records = simulation.Deliveries().Take(80).ToList();

        var mixed = InvalidRecords.Mix(records, 0.1).ToList();

        Assert.Equal(88, mixed.Count);
        Assert.Equal(records, mixed.Where(m => m.Rejection is null).Select(m => m.Record));
        Assert.Equal(RejectionReasons.All, mixed.Where(m => m.Rejection is not null).Select(m => m.Rejection!));
        Assert.Equal(mixed[9].Record.Record.Key, mixed[10].Record.Record.Key);
        Assert.Equal(RejectionReasons.NotJson, mixed[10].Rejection);
        Assert.Equal(records, InvalidRecords.Mix(records, 0).Select(m => m.Record));
    }
}
