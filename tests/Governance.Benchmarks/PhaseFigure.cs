namespace Governance.Benchmarks;

/// <summary>Time and allocation per event of one in-memory phase.</summary>
internal readonly record struct PhaseFigure(double Micros, double Bytes);
