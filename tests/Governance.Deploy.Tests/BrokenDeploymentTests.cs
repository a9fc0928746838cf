using Governance.Deploy.Tests.Checks;
using Governance.Deploy.Tests.Model;
using Xunit.Abstractions;

namespace Governance.Deploy.Tests;

/// <summary>
/// Every check can fail: each case breaks one thing in a copy of the real files (a misspelt setting, a
/// wrong port, an unpinned image, a queue the code does not have, a KEDA ceiling above the partitions …),
/// runs the same checker as <see cref="DeploymentTests"/>, and expects a problem that names it.
/// </summary>
public sealed class BrokenDeploymentTests(ITestOutputHelper output)
{
    private const string Compose = DeploymentFiles.ComposePath;
    private const string K8s = DeploymentFiles.KubernetesDirectory;
    private const string Docker = DeploymentFiles.DockerDirectory;

    private static readonly Lazy<(Repository Repo, DeploymentFiles Files)> Original = new(() =>
    {
        var repo = Repository.Locate();
        return (repo, DeploymentFiles.Load(repo));
    });

    /// <summary>file, text, replacement, fragments the problem must contain ('|'-separated).</summary>
    public static TheoryData<string, string, string, string> Breakages => new()
    {
        // docker-compose.yml
        { Compose, "ports: [\"8081:8081\"]", "ports: [\"8081:8081\"", "docker-compose.yml|not valid YAML" },
        { Compose, "    hostname: kafka\n", "\thostname: kafka\n", "docker-compose.yml:|not valid YAML" },
        { Compose, "Redis__Configuration: redis:6379", "Redis__Connection: redis:6379", "Redis__Connection|not a setting of Governance.Signals" },
        { Compose, "RabbitMq__SignalQueue: governance.risk-signals", "RabbitMq__SignalQueue: governance.risk-signal", "RabbitMq__SignalQueue = governance.risk-signal|governance.risk-signals in the code" },
        { Compose, "Alerting__AlertsQueue: moderation.creator-alerts", "Alerting__AlertsQueue: moderation.creator-alert", "'moderation.creator-alert' is not a topic" },
        { Compose, "ports: [\"8082:8082\"]", "ports: [\"8082:8080\"]", "service signals publishes container port 8080|listens on 8082" },
        { Compose, "Urls: http://+:8083", "Urls: http://+:9000", "Urls = http://+:9000|listens on port 8083" },
        { Compose, "image: redis:7.4.1", "image: redis:latest", "image redis:latest is not pinned" },
        { Compose, "image: postgres:15.10", "image: bitnami/postgresql:15.10.0", "bitnami/postgresql:15.10.0 is neither built from deploy/docker nor one of the official images" },
        { Compose, "dockerfile: deploy/docker/signals.Dockerfile", "dockerfile: deploy/docker/worker.Dockerfile", "service signals builds deploy/docker/worker.Dockerfile, which does not exist" },
        { Compose, "image: creator-governance/alerting:dev", "image: creator-governance/alerts:dev", "names its image creator-governance/alerts:dev|builds creator-governance/alerting" },
        { Compose, "governance.events.v1 governance.deadletter.v1", "governance.event.v1 governance.deadletter.v1", "TOPICS lacks governance.events.v1" },
        { Compose, "jaeger: { condition: service_started }", "jaeger: { condition: service_healthy }", "waits for jaeger to be healthy, but jaeger has no healthcheck" },
        { Compose, "init-rules: { condition: service_completed_successfully }", "init-rules: { condition: service_done }", "condition 'service_done'" },
        { Compose, "RabbitMq__Password: ${GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD:-signals-dev}", "RabbitMq__Password: signals-dev", "sets RabbitMq__Password to a literal password" },
        { Compose, "\"--appendfsync\", \"always\"", "\"--appendfsync\", \"everysec\"", "service redis must run with the window store's durability" },
        { Compose, "./deploy/otel/collector.yaml:", "./deploy/otel/otel.yaml:", "mounts ./deploy/otel/otel.yaml, which does not exist" },
        { Compose, "    x-healthcheck: none, the image has neither a shell nor an HTTP client to run one\n", "", "service otel-collector runs continuously but has no healthcheck" },
        { Compose, "bash\n        - -c\n        - exec 3<>/dev/tcp/127.0.0.1/8081", "bash\n        - -c\n        - exec 3<>/dev/tcp/127.0.0.1/8080", "service ingestion's healthcheck does not ask port 8081" },
        { DeploymentFiles.RabbitMqUsersScript, "readonly RMQ_SIGNALS_RES='^(Governance", "readonly RMQ_SIGNALS_RES='^(.*|Governance", "RMQ_SIGNALS_RES|scripts/infra.sh grants" },

        // deploy/docker
        { $"{Docker}/alerting.Dockerfile", "USER $APP_UID\n", "", "alerting.Dockerfile|no USER instruction" },
        { $"{Docker}/alerting.Dockerfile", "COPY shared/Governance.Rules/Governance.Rules.csproj shared/Governance.Rules/\n", "", "shared/Governance.Rules/Governance.Rules.csproj|not copied before the restore" },
        { $"{Docker}/alerting.Dockerfile", "COPY rules/policy/ rules/policy/\n", "", "Alerting:PolicyPath = rules/policy/escalation.yaml|copies nothing there" },
        { $"{Docker}/cli.Dockerfile", "COPY rules/ rules/\n", "", "cli.Dockerfile|--rules /app/rules|no rule pack there" },
        { $"{Docker}/signals.Dockerfile", "EXPOSE 8082", "EXPOSE 8080", "signals.Dockerfile|EXPOSE 8080|listens on 8082" },
        { $"{Docker}/signals.Dockerfile", "Hosting__LogFormat=json", "Hosting__LogFmt=json", "Hosting__LogFmt (Dockerfile ENV) is not a setting of Governance.Signals" },
        { $"{Docker}/ingestion.Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS runtime", "the final stage runs FROM mcr.microsoft.com/dotnet/sdk:10.0" },
        { $"{Docker}/ingestion.Dockerfile", "services/Governance.Ingestion/Governance.Ingestion.csproj -c Release", "services/Governance.Ingest/Governance.Ingest.csproj -c Release", "publishes services/Governance.Ingest/Governance.Ingest.csproj, which does not exist" },
        { $"{Docker}/ingestion.Dockerfile", "ENTRYPOINT [\"dotnet\", \"Governance.Ingestion.dll\"]", "ENTRYPOINT [\"dotnet\", \"Ingestion.dll\"]", "ENTRYPOINT does not run Governance.Ingestion.dll" },

        // deploy/k8s
        { $"{K8s}/signals-keda.yaml", "maxReplicaCount: 6", "maxReplicaCount: 12", "maxReplicaCount is 12, but the initializer creates 6 partitions" },
        { $"{K8s}/init-job.yaml", "{ name: PARTITIONS, value: \"6\" }", "{ name: PARTITIONS, value: \"12\" }", "maxReplicaCount is 6, but the initializer creates 12 partitions" },
        { $"{K8s}/signals-keda.yaml", "consumerGroup: governance-signals", "consumerGroup: governance-signal", "trigger consumerGroup is 'governance-signal'|'governance-signals'" },
        { $"{K8s}/signals-keda.yaml", "topic: governance.events.v1", "topic: creator.content.v1", "trigger topic is 'creator.content.v1'|'governance.events.v1'" },
        { $"{K8s}/signals.yaml", "httpGet: { path: /health/ready, port: http }", "httpGet: { path: /healthz, port: http }", "readinessProbe asks /healthz" },
        { $"{K8s}/signals.yaml", "fieldRef: { fieldPath: metadata.name }", "fieldRef: { fieldPath: metadata.uid }", "Kafka__InstanceId must come from the pod's name|metadata.uid" },
        { $"{K8s}/signals.yaml", "kind: StatefulSet\nmetadata:\n  name: governance-signals", "kind: Deployment\nmetadata:\n  name: governance-signals", "make governance-signals a StatefulSet, not a Deployment" },
        { $"{K8s}/signals.yaml", "port: 8082, targetPort: http }", "port: 8082, targetPort: metrics }", "targets port metrics, which no container of governance-signals declares" },
        { $"{K8s}/configmaps.yaml", "Alerting__AlertsQueue: moderation.creator-alerts", "Alerting__AlertQueue: moderation.creator-alerts", "Alerting__AlertQueue (ConfigMap governance-alerting) is not a setting of Governance.Alerting|did you mean Alerting:AlertsQueue" },
        { $"{K8s}/configmaps.yaml", "Urls: http://+:8082", "Urls: http://+:8080", "Urls = http://+:8080|listens on port 8082" },
        { $"{K8s}/alerting.yaml", "containerPort: 8083", "containerPort: 8080", "declares containerPort 8080|listens on 8083" },
        { $"{K8s}/alerting.yaml", "image: creator-governance/alerting:0.1.0", "image: creator-governance/alerting:latest", "image creator-governance/alerting:latest has no pinned tag" },
        { $"{K8s}/alerting.yaml", "secretRef: { name: governance-alerting-secrets }", "secretRef: { name: governance-alerting-secret }", "Secret governance-alerting-secret, which no manifest or Secret template defines" },
        { $"{K8s}/ingestion.yaml", "            requests: { cpu: 500m, memory: 256Mi }\n", "", "governance-ingestion container ingestion has no resources.requests.cpu" },
        { $"{K8s}/ingestion.yaml", "        runAsNonRoot: true\n", "", "Deployment governance-ingestion: the pod's securityContext must set runAsNonRoot: true" },
        { $"{K8s}/secrets.template.yaml", "RabbitMq__Password: REPLACE_ME", "RabbitMq__Password: s3cr3t", "RabbitMq__Password holds a value instead of the placeholder REPLACE_ME" },
        { $"{K8s}/kustomization.yaml", "  - signals-keda.yaml\n", "", "deploy/k8s/signals-keda.yaml is not listed in resources" },
        { $"{K8s}/kustomization.yaml", "  - alerting.yaml\n", "  - alerting.yaml\n  - secrets.template.yaml\n", "resource secrets.template.yaml is a template" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_deployment_file_is_named(string file, string text, string replacement, string expected)
    {
        var (repo, files) = Original.Value;
        var problems = DeploymentChecker.Run(repo, files.With(file, text, replacement)).Problems;
        output.WriteLine($"{file}: '{text.Trim()}' -> '{replacement.Trim()}'");
        foreach (var problem in problems)
        {
            output.WriteLine("  " + problem);
        }

        var fragments = expected.Split('|');
        Assert.True(
            problems.Any(p => fragments.All(f => p.ToString().Contains(f, StringComparison.Ordinal))),
            $"expected a problem naming {string.Join(" and ", fragments.Select(f => $"'{f}'"))} after breaking {file}; the checker said:\n" + (problems.Count == 0 ? "(nothing)" : string.Join('\n', problems)));
    }
}
