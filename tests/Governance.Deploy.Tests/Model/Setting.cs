namespace Governance.Deploy.Tests.Model;

/// <summary>
/// One configuration setting a component reads: <paramref name="Key"/> is the configuration key
/// (<c>Signals:GroupId</c>), or, for variables the code reads with <c>Environment.GetEnvironmentVariable</c>,
/// the variable's exact name. <paramref name="Origin"/> says where the test found it.
/// </summary>
internal sealed record Setting(string Key, string Origin, string? Default, string Property);
