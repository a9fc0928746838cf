using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>What one run produced: every signal and alert delivery and how every input record ended.</summary>
/// <param name="Alerts">Every <c>CreatorFlagged</c> delivery; null when the run had no alerting service (the backtest).</param>
/// <param name="Problems">What the fault should have shown and did not (e.g. an outage the worker never reported); each fails the run.</param>
public sealed record RunResult(
    Fault Fault,
    IReadOnlyList<RiskSignalDetected> Signals,
    IReadOnlyList<CreatorFlagged>? Alerts,
    int InputsIn,
    int InputsAccounted,
    int Normalized,
    int DeadLettered,
    int TooLate,
    int NotProduced,
    bool Settled,
    bool HandOffDeclared,
    TimeSpan Duration,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string>? Problems = null);
