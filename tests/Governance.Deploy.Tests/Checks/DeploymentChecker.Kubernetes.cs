using System.Globalization;
using Governance.Deploy.Tests.Model;
using Governance.Hosting;

namespace Governance.Deploy.Tests.Checks;

internal sealed partial class DeploymentChecker
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "Job", "DaemonSet"];
    private static readonly string[] ClusterScopedKinds = ["Namespace", "Kustomization", "ClusterRole", "ClusterRoleBinding"];
    private const string TemplateSuffix = ".template.yaml";
    private const string Placeholder = "REPLACE_ME";

    private sealed record K8sObject(string File, YNode Node, string Kind, string Name)
    {
        public string? Namespace => Node["metadata"]?["namespace"]?.Text;

        public string Label => $"{Kind} {Name}";
    }

    private sealed record Workload(K8sObject Object, YNode PodSpec, Dictionary<string, string> PodLabels, List<(YNode Container, Component? Component, List<EnvVar> Env)> Containers);

    private void CheckKubernetes()
    {
        const string area = "k8s";
        var objects = new List<K8sObject>();
        foreach (var file in _files.KubernetesFiles)
        {
            foreach (var doc in TryLoad(_files.Texts[file], file, _problems, area) ?? [])
            {
                var kind = doc["kind"]?.Text;
                var name = doc["metadata"]?["name"]?.Text;
                if (kind is null || doc["apiVersion"]?.Text is null || (name is null && kind != "Kustomization"))
                {
                    Add(area, doc.At, "an object without apiVersion, kind or metadata.name");
                    continue;
                }

                objects.Add(new K8sObject(file, doc, kind, name ?? ""));
                Count("Kubernetes objects");
            }
        }

        var kustomization = objects.FirstOrDefault(o => o.Kind == "Kustomization");
        var @namespace = kustomization?.Node["namespace"]?.Text;
        CheckKustomization(kustomization);
        foreach (var o in objects.Where(o => !ClusterScopedKinds.Contains(o.Kind)))
        {
            if (@namespace is not null && o.Namespace != @namespace)
            {
                Add(area, o.Node.At, $"{o.Label} is in namespace '{o.Namespace}', not the kustomization's '{@namespace}'");
            }
        }

        var configMaps = objects.Where(o => o.Kind == "ConfigMap").ToDictionary(o => o.Name, o => o, StringComparer.Ordinal);
        var secrets = CheckSecrets(objects);
        var workloads = objects.Where(o => WorkloadKinds.Contains(o.Kind)).Select(o => CheckWorkload(o, configMaps, secrets)).OfType<Workload>().ToList();
        CheckServices(objects, workloads);
        foreach (var scaled in objects.Where(o => o.Kind == "ScaledObject"))
        {
            CheckScaledObject(scaled, workloads);
        }

        CheckNames(area, objects.SelectMany(o => o.Node.Scalars()));
    }

    private void CheckKustomization(K8sObject? kustomization)
    {
        if (kustomization is null)
        {
            Add("k8s", DeploymentFiles.KubernetesDirectory, "no kustomization.yaml: nothing says which manifests make up the deployment");
            return;
        }

        var resources = (kustomization.Node["resources"]?.Items ?? []).Select(r => (Node: r, Path: $"{DeploymentFiles.KubernetesDirectory}/{r.Text}")).ToList();
        foreach (var (node, path) in resources)
        {
            if (!_files.Texts.ContainsKey(path))
            {
                Add("k8s", node.At, $"resource {node.Text} does not exist");
            }
            else if (path.EndsWith(TemplateSuffix, StringComparison.Ordinal))
            {
                Add("k8s", node.At, $"resource {node.Text} is a template with placeholder secrets: it must not be applied by kustomize");
            }
        }

        foreach (var file in _files.KubernetesFiles.Where(f => f != kustomization.File && !f.EndsWith(TemplateSuffix, StringComparison.Ordinal)))
        {
            if (!resources.Any(r => r.Path == file))
            {
                Add("k8s", kustomization.Node.At, $"{file} is not listed in resources: kubectl apply -k would leave it out");
            }
        }
    }

    /// <summary>Secrets appear only in *.template.yaml, with placeholders for every password.</summary>
    private Dictionary<string, K8sObject> CheckSecrets(List<K8sObject> objects)
    {
        var secrets = new Dictionary<string, K8sObject>(StringComparer.Ordinal);
        foreach (var secret in objects.Where(o => o.Kind == "Secret"))
        {
            Count("Secret templates");
            secrets[secret.Name] = secret;
            if (!secret.File.EndsWith(TemplateSuffix, StringComparison.Ordinal))
            {
                Add("k8s", secret.Node.At, $"{secret.Label} is in {secret.File}: Secrets belong in *{TemplateSuffix} files, with placeholders only");
            }
            else if (!_files.Texts[secret.File].Contains("TEMPLATE", StringComparison.Ordinal))
            {
                Add("k8s", secret.File, "a Secret template must say TEMPLATE at the top, so nobody mistakes it for the real thing");
            }

            if (secret.Node["data"] is not null)
            {
                Add("k8s", secret.Node["data"]!.At, $"{secret.Label} has data (base64): templates use stringData with visible {Placeholder} values");
            }

            foreach (var (key, value) in secret.Node["stringData"]?.Entries ?? [])
            {
                var secretLike = key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Contains("username", StringComparison.OrdinalIgnoreCase)
                    || value.Text?.Contains("password=", StringComparison.OrdinalIgnoreCase) == true;
                if (secretLike && value.Text?.Contains(Placeholder, StringComparison.Ordinal) != true)
                {
                    Add("k8s", value.At, $"{secret.Label} {key} holds a value instead of the placeholder {Placeholder}: no real secrets in the repository");
                }
            }
        }

        return secrets;
    }

    private Workload? CheckWorkload(K8sObject workload, Dictionary<string, K8sObject> configMaps, Dictionary<string, K8sObject> secrets)
    {
        const string area = "k8s";
        var template = workload.Node["spec"]?["template"];
        var podSpec = template?["spec"];
        if (podSpec is null)
        {
            Add(area, workload.Node.At, $"{workload.Label} has no spec.template.spec");
            return null;
        }

        Count("workloads");
        var podLabels = (template!["metadata"]?["labels"]?.Entries ?? []).ToDictionary(e => e.Key, e => e.Value.Text ?? "", StringComparer.Ordinal);
        if (workload.Kind is "Deployment" or "StatefulSet")
        {
            var selector = workload.Node["spec"]?["selector"]?["matchLabels"]?.Entries.ToList() ?? [];
            if (selector.Count == 0 || selector.Any(s => podLabels.GetValueOrDefault(s.Key) != s.Value.Text))
            {
                Add(area, workload.Node.At, $"{workload.Label}: spec.selector.matchLabels does not match the pod template's labels");
            }
        }

        if (podSpec["securityContext"]?["runAsNonRoot"]?.Text != "true")
        {
            Add(area, podSpec.At, $"{workload.Label}: the pod's securityContext must set runAsNonRoot: true");
        }

        var containers = new List<(YNode, Component?, List<EnvVar>)>();
        foreach (var container in (podSpec["initContainers"]?.Items ?? []).Concat(podSpec["containers"]?.Items ?? []))
        {
            Count("containers");
            var label = $"{workload.Label} container {container["name"]?.Text}";
            var image = container["image"]?.Text;
            if (image is null)
            {
                Add(area, container.At, $"{label} has no image");
                continue;
            }

            CheckImage(area, container["image"]!.At, image);
            var component = ComponentOf(image);
            var env = ContainerEnvironment(label, container, configMaps, secrets);
            CheckResources(label, container);
            if (component is not null)
            {
                CheckEnvironment(area, component, env);
                if (component.IsService)
                {
                    CheckContainerPortsAndProbes(label, container, component);
                }

                var args = (container["command"]?.Items ?? []).Concat(container["args"]?.Items ?? []).Select(i => i.Text ?? "").ToList();
                if (RulesArgument(args) is { } rules && !ImageContains(component, rules))
                {
                    Add(area, container.At, $"{label} passes --rules {rules}, but {component.Image} has no rule pack there ({component.Dockerfile})");
                }
            }

            var script = (container["command"]?.Flatten() ?? "") + " " + (container["args"]?.Flatten() ?? "");
            if (script.Contains("kafka-topics.sh", StringComparison.Ordinal) && script.Contains("--create", StringComparison.Ordinal))
            {
                _kubernetesPartitions = CheckTopicInitializer(area, container.At, script, env);
            }

            if (env.FirstOrDefault(e => e.Name == "Kafka__InstanceId") is { } instanceId)
            {
                var fieldPath = (container["env"]?.Items ?? []).FirstOrDefault(e => e["name"]?.Text == "Kafka__InstanceId")?["valueFrom"]?["fieldRef"]?["fieldPath"]?.Text;
                if (workload.Kind != "StatefulSet")
                {
                    Add(area, instanceId.Where, $"{label} sets Kafka__InstanceId (static membership), which needs stable pod names: make {workload.Name} a StatefulSet, not a {workload.Kind}");
                }

                if (fieldPath != "metadata.name")
                {
                    Add(area, instanceId.Where, $"{label}: Kafka__InstanceId must come from the pod's name (valueFrom.fieldRef.fieldPath: metadata.name), unique and stable per replica (is: {fieldPath ?? instanceId.Value ?? "?"})");
                }
            }

            containers.Add((container, component, env));
        }

        if (workload.Kind == "StatefulSet" && workload.Node["spec"]?["serviceName"]?.Text is null)
        {
            Add(area, workload.Node.At, $"{workload.Label} has no serviceName (its governing headless Service)");
        }

        return new Workload(workload, podSpec, podLabels, containers);
    }

    private List<EnvVar> ContainerEnvironment(string label, YNode container, Dictionary<string, K8sObject> configMaps, Dictionary<string, K8sObject> secrets)
    {
        var env = new List<EnvVar>();
        foreach (var item in container["env"]?.Items ?? [])
        {
            var name = item["name"]?.Text ?? "";
            env.Add(new EnvVar(name, item["value"]?.Text, item.At, item["valueFrom"] is null ? "env" : "env valueFrom"));
        }

        foreach (var item in container["envFrom"]?.Items ?? [])
        {
            var (reference, kind, objects, dataKey) = item["configMapRef"] is { } c ? (c, "ConfigMap", configMaps, "data")
                : item["secretRef"] is { } s ? (s, "Secret", secrets, "stringData") : (item, "?", configMaps, "data");
            var name = reference["name"]?.Text ?? "";
            var optional = reference["optional"]?.Text == "true";
            if (!objects.TryGetValue(name, out var source))
            {
                Add("k8s", reference.At, $"{label} takes its environment from {kind} {name}, which no manifest{(kind == "Secret" ? " or Secret template" : "")} defines{(optional ? "" : " (and it is not optional)")}");
                continue;
            }

            env.AddRange((source.Node[dataKey]?.Entries ?? []).Select(e => new EnvVar(e.Key, e.Value.Text, e.Value.At, $"{kind} {name}")));
        }

        return env;
    }

    private void CheckResources(string label, YNode container)
    {
        var resources = container["resources"];
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Count("resource requests/limits");
                if (resources?[kind]?[resource]?.Text is not { Length: > 0 })
                {
                    Add("k8s", container.At, $"{label} has no resources.{kind}.{resource}");
                }
            }
        }
    }

    private void CheckContainerPortsAndProbes(string label, YNode container, Component component)
    {
        if (component.Port is not { } port)
        {
            return;
        }

        var ports = (container["ports"]?.Items ?? []).Select(p => (Name: p["name"]?.Text, Port: p["containerPort"]?.Text, Node: p)).ToList();
        foreach (var p in ports)
        {
            Count("ports");
            if (p.Port != port.ToString(CultureInfo.InvariantCulture))
            {
                Add("k8s", p.Node.At, $"{label} declares containerPort {p.Port}, but {component.AssemblyName} listens on {port} (appsettings.json Urls)");
            }
        }

        if (ports.Count == 0)
        {
            Add("k8s", container.At, $"{label} declares no containerPort (the health port {port})");
        }

        foreach (var (probe, paths) in new[]
        {
            ("livenessProbe", new[] { ServiceDefaultsExtensions.LivePath }),
            ("readinessProbe", new[] { ServiceDefaultsExtensions.ReadyPath }),
            ("startupProbe", new[] { ServiceDefaultsExtensions.LivePath, ServiceDefaultsExtensions.ReadyPath }),
        })
        {
            Count("probes");
            var get = container[probe]?["httpGet"];
            if (get is null)
            {
                if (probe != "startupProbe")
                {
                    Add("k8s", container.At, $"{label} has no {probe} (httpGet {paths[0]})");
                }

                continue;
            }

            var path = get["path"]?.Text;
            if (!paths.Contains(path))
            {
                Add("k8s", get.At, $"{label} {probe} asks {path}; {component.AssemblyName} serves {string.Join(" or ", paths)} (Governance.Hosting.ServiceDefaultsExtensions)");
            }

            var probePort = get["port"]?.Text;
            var resolved = ports.FirstOrDefault(p => p.Name == probePort).Port ?? probePort;
            if (resolved != port.ToString(CultureInfo.InvariantCulture))
            {
                Add("k8s", get.At, $"{label} {probe} asks port {probePort} ({resolved}); {component.AssemblyName} listens on {port}");
            }
        }
    }

    private void CheckServices(List<K8sObject> objects, List<Workload> workloads)
    {
        foreach (var service in objects.Where(o => o.Kind == "Service"))
        {
            Count("Services");
            var selector = (service.Node["spec"]?["selector"]?.Entries ?? []).ToDictionary(e => e.Key, e => e.Value.Text ?? "", StringComparer.Ordinal);
            var selected = workloads.Where(w => selector.Count > 0 && selector.All(s => w.PodLabels.GetValueOrDefault(s.Key) == s.Value)).ToList();
            if (selected.Count == 0)
            {
                Add("k8s", service.Node.At, $"{service.Label} selects no pods of any workload here (selector {string.Join(", ", selector.Select(s => $"{s.Key}={s.Value}"))})");
                continue;
            }

            foreach (var port in service.Node["spec"]?["ports"]?.Items ?? [])
            {
                var target = port["targetPort"]?.Text ?? port["port"]?.Text;
                var containerPorts = selected.SelectMany(w => w.Containers).SelectMany(c => c.Container["ports"]?.Items ?? [])
                    .Select(p => (Name: p["name"]?.Text, Port: p["containerPort"]?.Text)).ToList();
                if (!containerPorts.Any(p => p.Name == target || p.Port == target))
                {
                    Add("k8s", port.At, $"{service.Label} targets port {target}, which no container of {string.Join(", ", selected.Select(w => w.Object.Name))} declares");
                }
            }
        }

        foreach (var statefulSet in workloads.Where(w => w.Object.Kind == "StatefulSet"))
        {
            var serviceName = statefulSet.Object.Node["spec"]?["serviceName"]?.Text;
            if (serviceName is not null && !objects.Any(o => o.Kind == "Service" && o.Name == serviceName))
            {
                Add("k8s", statefulSet.Object.Node.At, $"{statefulSet.Object.Label} names serviceName {serviceName}, which no Service here is");
            }
        }
    }

    /// <summary>KEDA: the worker scaled on its own group's lag, never past the partition count.</summary>
    private void CheckScaledObject(K8sObject scaled, List<Workload> workloads)
    {
        const string area = "k8s";
        Count("ScaledObjects");
        var spec = scaled.Node["spec"];
        var targetKind = spec?["scaleTargetRef"]?["kind"]?.Text ?? "Deployment";
        var targetName = spec?["scaleTargetRef"]?["name"]?.Text;
        var target = workloads.FirstOrDefault(w => w.Object.Name == targetName && w.Object.Kind == targetKind);
        if (target is null)
        {
            Add(area, scaled.Node.At, $"{scaled.Label} scales {targetKind} {targetName}, which no manifest here defines ({string.Join(", ", workloads.Select(w => w.Object.Label))})");
            return;
        }

        var (_, component, env) = target.Containers.FirstOrDefault(c => c.Component is not null);
        if (component is null)
        {
            Add(area, scaled.Node.At, $"{scaled.Label} scales {target.Object.Label}, which runs none of our images");
            return;
        }

        var envValues = env.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        if (!env.Any(e => e.Name == "Kafka__InstanceId"))
        {
            Add(area, scaled.Node.At, $"{scaled.Label} scales {target.Object.Label}, whose workers have no Kafka__InstanceId: static membership (stable names) is expected of the scaled workers");
        }

        var max = spec?["maxReplicaCount"];
        int? maxReplicas = int.TryParse(max?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
        if (maxReplicas is null)
        {
            Add(area, scaled.Node.At, $"{scaled.Label} has no maxReplicaCount: KEDA's default (100) is far above the partition count");
        }
        else if (_kubernetesPartitions is { } partitions && maxReplicas != partitions)
        {
            Add(area, max!.At, $"{scaled.Label} maxReplicaCount is {maxReplicas}, but the initializer creates {partitions} partitions per topic: a worker past {partitions} holds no partition, so the ceiling must be {partitions}");
        }
        else if (_kubernetesPartitions is null)
        {
            Add(area, scaled.Node.At, $"{scaled.Label}: no topic initializer (kafka-topics.sh --create) in the manifests to compare maxReplicaCount with");
        }

        if (int.TryParse(spec?["minReplicaCount"]?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var min) && maxReplicas is { } top && min > top)
        {
            Add(area, spec!["minReplicaCount"]!.At, $"{scaled.Label} minReplicaCount {min} is above maxReplicaCount {top}");
        }

        var kafka = (spec?["triggers"]?.Items ?? []).FirstOrDefault(t => t["type"]?.Text == "kafka");
        if (kafka?["metadata"] is not { } metadata)
        {
            Add(area, scaled.Node.At, $"{scaled.Label} has no kafka trigger (consumer group lag)");
            return;
        }

        var groupKey = component.Settings.Keys.FirstOrDefault(s => s.Key.EndsWith(":GroupId", StringComparison.OrdinalIgnoreCase))?.Key;
        var inputKey = component.Settings.Keys.FirstOrDefault(s => s.Key.EndsWith(":InputTopic", StringComparison.OrdinalIgnoreCase))?.Key;
        var group = groupKey is null ? null : component.Effective(groupKey, envValues);
        var topic = inputKey is null ? null : component.Effective(inputKey, envValues);
        var bootstrap = component.Effective("Kafka:BootstrapServers", envValues) is { Length: > 0 } b ? b : envValues.GetValueOrDefault("KAFKA_BOOTSTRAP_SERVERS");
        void Same(string field, string? expected, string what)
        {
            var actual = metadata[field]?.Text;
            if (actual != expected)
            {
                Add(area, metadata[field]?.At ?? metadata.At, $"{scaled.Label} trigger {field} is '{actual}', but {target.Object.Label} uses '{expected}' ({what})");
            }
        }

        Same("consumerGroup", group, groupKey ?? "its consumer group");
        Same("topic", topic, inputKey ?? "its input topic");
        Same("bootstrapServers", bootstrap, "Kafka:BootstrapServers / KAFKA_BOOTSTRAP_SERVERS");
        if (metadata["allowIdleConsumers"]?.Text == "true")
        {
            Add(area, metadata["allowIdleConsumers"]!.At, $"{scaled.Label} allowIdleConsumers: true lets KEDA run more workers than partitions; they would sit idle");
        }
    }
}
