namespace Governance.Deploy.Tests.Model;

/// <summary>One inconsistency: the area (dockerfile, compose, k8s), where (file:line), and what is wrong.</summary>
internal sealed record Problem(string Area, string Where, string Message)
{
    public override string ToString() => $"[{Area}] {Where}: {Message}";
}
