using Governance.Deploy.Tests.Checks;
using Governance.Deploy.Tests.Model;
using Xunit.Abstractions;

namespace Governance.Deploy.Tests;

/// <summary>
/// docker-compose.yml, deploy/docker/*.Dockerfile and deploy/k8s/*.yaml against the solution, without Docker or
/// a cluster: the files are parsed and every image, Dockerfile, project, environment variable, port, probe,
/// topic and queue they name is looked up in the code.
/// <para>Environment variables are checked against what each component really reads: the options classes
/// its <c>AddApplicationServices</c> registers (bound from their <c>SectionName</c>; properties, nested classes and
/// dictionaries), the keys its code and its referenced projects read by name (<c>Configuration["…"]</c>,
/// <c>GetValue</c>, <c>GetEnvironmentVariable</c>) and ASP.NET Core's host settings (see <see cref="ComponentCatalog"/>).
/// A component is a Dockerfile: the project it publishes, and the image <c>creator-governance/NAME</c>.</para>
/// <para>Every check can fail: <see cref="BrokenDeploymentTests"/> feeds broken copies of the same files to the
/// same checker and expects the problem to be named.</para>
/// </summary>
public sealed class DeploymentTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Repository Repo, DeploymentChecker.Result Result)> Checked = new(() =>
    {
        var repo = Repository.Locate();
        return (repo, DeploymentChecker.Run(repo, DeploymentFiles.Load(repo)));
    });

    [Fact]
    public void The_components_settings_are_found_in_the_code()
    {
        var components = Checked.Value.Result.Components.ToDictionary(c => c.Name);
        foreach (var c in components.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            output.WriteLine($"{c.Name}: {c.Project} ({(c.IsService ? $"service, port {c.Port}" : "tool")}), {c.Settings.Count} settings, image {c.Image}");
        }

        Assert.Equal(new[] { "alerting", "cli", "ingestion", "signals" }, components.Keys.Order(StringComparer.Ordinal));
        // A few keys each way, so that a catalog that finds nothing (and would reject everything) or
        // everything (and would accept anything) shows here first.
        Assert.NotNull(components["ingestion"].Settings.Resolve("Ingestion__Limits__MaxRecordBytes"));
        Assert.NotNull(components["signals"].Settings.Resolve("Signals__Windows__MaxCachedCreators"));
        Assert.NotNull(components["signals"].Settings.Resolve("Kafka__Client__sasl.password"));
        Assert.NotNull(components["signals"].Settings.Resolve("RabbitMq__SignalQueue"));
        Assert.NotNull(components["alerting"].Settings.Resolve("Alerting__Database__MigrationConnectionString"));
        Assert.NotNull(components["alerting"].Settings.Resolve("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.NotNull(components["cli"].Settings.Resolve("REDIS_CONFIGURATION"));
        Assert.Null(components["alerting"].Settings.Resolve("Kafka__BootstrapServers"));
        Assert.Null(components["ingestion"].Settings.Resolve("RabbitMq__Host"));
        Assert.Null(components["cli"].Settings.Resolve("Urls"));
        Assert.Equal(8081, components["ingestion"].Port);
        Assert.Equal(8082, components["signals"].Port);
        Assert.Equal(8083, components["alerting"].Port);
    }

    [Fact]
    public void The_Dockerfiles_build_the_solutions_projects_as_non_root() => AssertClean("dockerfile");

    [Fact]
    public void Compose_names_only_what_the_solution_has() => AssertClean("compose");

    [Fact]
    public void The_Kubernetes_manifests_name_only_what_the_solution_has() => AssertClean("k8s");

    private void AssertClean(string area)
    {
        var result = Checked.Value.Result;
        output.WriteLine("checked: " + string.Join(", ", result.Checked.Select(c => $"{c.Value} {c.Key}")));
        var problems = result.Problems.Where(p => p.Area == area).ToList();
        foreach (var problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in the {area} files:\n" + string.Join('\n', problems));
    }
}
