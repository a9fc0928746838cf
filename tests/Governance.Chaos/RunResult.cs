using Governance.Contracts;

namespace Governance.Chaos;

/// <summary>What one run produced: every signal delivery and how every input record ended.</summary>
public sealed record RunResult(
    Fault Fault,
    IReadOnlyList<RiskSignalDetected> Signals,
    int InputsIn,
    int InputsAccounted,
    int Normalized,
    int DeadLettered,
    int TooLate,
    int NotProduced,
    bool Settled,
    bool HandOffDeclared,
    TimeSpan Duration,
    IReadOnlyList<string> Notes);
