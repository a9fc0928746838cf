namespace Governance.Benchmarks;

/// <summary>Figures of one measured run.</summary>
internal sealed record RunResult(string Name, long Events, TimeSpan Measured, long MeasuredEvents, double WorkerBytesPerEvent, double ProcessBytesPerEvent, double CpuMicrosPerEvent)
{
    public double EventsPerSecond => MeasuredEvents / Measured.TotalSeconds;
}
