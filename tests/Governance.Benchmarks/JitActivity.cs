using System.Globalization;
using System.Runtime;

namespace Governance.Benchmarks;

/// <summary>
/// What the JIT compiled since a point in a run: a phase that still compiles (tier-0 code of a fresh process,
/// tier-1 recompilation of the hot methods) runs slower than a service that has been up for a while.
/// </summary>
internal readonly record struct JitActivity(long Methods, TimeSpan Time)
{
    public static JitActivity Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public long MethodsSince() => JitInfo.GetCompiledMethodCount() - Methods;

    public string Since() => string.Create(CultureInfo.InvariantCulture,
        $"JIT {JitInfo.GetCompiledMethodCount() - Methods:N0} methods, {(JitInfo.GetCompilationTime() - Time).TotalSeconds:0.0} s");
}
