using System.Globalization;
using System.Text.RegularExpressions;
using Governance.Deploy.Tests.Model;
using Governance.Hosting;

namespace Governance.Deploy.Tests.Checks;

internal sealed partial class DeploymentChecker
{
    private static readonly string[] DependencyConditions = ["service_started", "service_healthy", "service_completed_successfully"];

    private void CheckCompose()
    {
        const string area = "compose";
        var path = DeploymentFiles.ComposePath;
        if (TryLoad(_files.Texts[path], path, _problems, area) is not [var root, ..])
        {
            Add(area, path, "no YAML document");
            return;
        }

        if (root["services"] is not { IsMap: true } services)
        {
            Add(area, path, "no services");
            return;
        }

        var all = services.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var dependencies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, service) in all)
        {
            Count("compose services");
            var label = $"service {name}";
            var component = CheckComposeImage(label, service);
            var environment = ComposeEnvironment(service);
            var oneShot = service["restart"]?.Text == "no";

            if (!oneShot && service["healthcheck"] is null && service["x-healthcheck"] is null)
            {
                Add(area, service.At, $"{label} runs continuously but has no healthcheck (add one, or x-healthcheck: why there is none)");
            }

            dependencies[name] = CheckDependsOn(label, service, all);
            CheckBindMounts(label, service);
            CheckComposeSecrets(label, environment);

            if (component is not null)
            {
                CheckEnvironment(area, component, environment);
                if (component.IsService)
                {
                    CheckComposeServicePorts(label, service, component);
                }

                var args = service["command"]?.Items.Select(i => i.Text ?? "").ToList() ?? [];
                if (RulesArgument(args) is { } rules && !ImageContains(component, rules))
                {
                    Add(area, service["command"]!.At, $"{label} passes --rules {rules}, but {component.Image} has no rule pack there ({component.Dockerfile})");
                }
            }

            var script = (service["entrypoint"]?.Flatten() ?? "") + " " + (service["command"]?.Flatten() ?? "");
            if (script.Contains("kafka-topics.sh", StringComparison.Ordinal) && script.Contains("--create", StringComparison.Ordinal))
            {
                _composePartitions = CheckTopicInitializer(area, service.At, script, environment);
            }

            if (service["image"]?.Text is { } image && ImageRepository(image) == "redis")
            {
                CheckRedisDurability(label, service);
            }
        }

        CheckCycles(dependencies);
        CheckRabbitMqUsers();
        CheckNames(area, root.Scalars());
    }

    private Component? CheckComposeImage(string label, YNode service)
    {
        const string area = "compose";
        var image = service["image"]?.Text;
        if (service["build"] is { } build)
        {
            var context = build.IsMap ? build["context"]?.Text ?? "." : build.Text;
            var dockerfile = build.IsMap ? build["dockerfile"]?.Text : null;
            if (context is not ("." or "./"))
            {
                Add(area, build.At, $"{label} builds with context '{context}': the Dockerfiles expect the repository root (.)");
            }

            if (dockerfile is null)
            {
                Add(area, build.At, $"{label} builds without a dockerfile: name one of {DeploymentFiles.DockerDirectory}/*.Dockerfile");
                return null;
            }

            dockerfile = _repo.Normalize(dockerfile);
            if (!_files.Texts.ContainsKey(dockerfile))
            {
                Add(area, build.At, $"{label} builds {dockerfile}, which does not exist (Dockerfiles: {string.Join(", ", _files.Dockerfiles)})");
                return null;
            }

            var component = _components.Values.FirstOrDefault(c => c.Dockerfile == dockerfile);
            if (component is not null && image is not null && ImageRepository(image) != component.Image)
            {
                Add(area, service["image"]!.At, $"{label} names its image {image}, but {dockerfile} builds {component.Image}");
            }

            if (image is not null)
            {
                CheckImage(area, service["image"]!.At, image, localBuild: true);
            }

            return component;
        }

        if (image is null)
        {
            Add(area, service.At, $"{label} has neither image nor build");
            return null;
        }

        CheckImage(area, service["image"]!.At, image);
        return ComponentOf(image);
    }

    private static List<EnvVar> ComposeEnvironment(YNode service)
    {
        var env = service["environment"];
        if (env is null)
        {
            return [];
        }

        if (env.IsMap)
        {
            return env.Entries.Select(e => new EnvVar(e.Key, e.Value.Text, e.Value.At, "compose environment")).ToList();
        }

        return env.Items.Select(i =>
        {
            var text = i.Text ?? "";
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new EnvVar(text, null, i.At, "compose environment") : new EnvVar(text[..eq], text[(eq + 1)..], i.At, "compose environment");
        }).ToList();
    }

    private List<string> CheckDependsOn(string label, YNode service, Dictionary<string, YNode> all)
    {
        const string area = "compose";
        var targets = new List<string>();
        if (service["depends_on"] is not { } dependsOn)
        {
            return targets;
        }

        var entries = dependsOn.IsMap
            ? dependsOn.Entries.Select(e => (Name: e.Key, Condition: e.Value["condition"]?.Text ?? "service_started", Node: e.Value))
            : dependsOn.Items.Select(i => (Name: i.Text ?? "", Condition: "service_started", Node: i));
        foreach (var (name, condition, node) in entries)
        {
            Count("depends_on conditions");
            targets.Add(name);
            if (!all.TryGetValue(name, out var target))
            {
                Add(area, node.At, $"{label} depends on {name}, which is not a service of docker-compose.yml");
                continue;
            }

            if (!DependencyConditions.Contains(condition))
            {
                Add(area, node.At, $"{label} depends on {name} with condition '{condition}' (one of {string.Join(", ", DependencyConditions)})");
            }
            else if (condition == "service_healthy" && target["healthcheck"] is null)
            {
                Add(area, node.At, $"{label} waits for {name} to be healthy, but {name} has no healthcheck: it never becomes healthy");
            }
            else if (condition == "service_completed_successfully" && target["restart"]?.Text != "no")
            {
                Add(area, node.At, $"{label} waits for {name} to complete, but {name} is not a one-shot (restart: \"no\")");
            }
        }

        return targets;
    }

    private void CheckBindMounts(string label, YNode service)
    {
        foreach (var volume in service["volumes"]?.Items ?? [])
        {
            var source = volume.IsMap ? volume["source"]?.Text : volume.Text?.Split(':')[0];
            if (source is not null && (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)))
            {
                Count("bind mounts");
                if (!_repo.Exists(source))
                {
                    Add("compose", volume.At, $"{label} mounts {source}, which does not exist in the repository");
                }
            }
        }
    }

    /// <summary>Passwords come from the environment with a local-development default, never as literals.</summary>
    private void CheckComposeSecrets(string label, List<EnvVar> environment)
    {
        foreach (var variable in environment)
        {
            var secretName = variable.Name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || variable.Name.EndsWith("_PASS", StringComparison.Ordinal);
            var secretValue = variable.Value?.Contains("password=", StringComparison.OrdinalIgnoreCase) == true;
            if ((secretName || secretValue) && variable.Value is { } value && !SecretFromEnvironmentRegex().IsMatch(value))
            {
                Add("compose", variable.Where, $"{label} sets {variable.Name} to a literal password: use ${{VARIABLE:-local-default}} so that real secrets come from the environment");
            }
        }
    }

    private void CheckComposeServicePorts(string label, YNode service, Component component)
    {
        if (component.Port is not { } port)
        {
            return;
        }

        var ports = service["ports"]?.Items.ToList() ?? [];
        foreach (var item in ports)
        {
            Count("ports");
            var target = item.IsMap ? item["target"]?.Text : item.Text?.Split(':')[^1].Split('/')[0];
            if (!int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort) || containerPort != port)
            {
                Add("compose", item.At, $"{label} publishes container port {target}, but {component.AssemblyName} listens on {port} (appsettings.json Urls)");
            }
        }

        if (service["healthcheck"]?["test"] is { } test)
        {
            var text = test.Flatten();
            if (!text.Contains(ServiceDefaultsExtensions.ReadyPath, StringComparison.Ordinal) && !text.Contains(ServiceDefaultsExtensions.LivePath, StringComparison.Ordinal))
            {
                Add("compose", test.At, $"{label}'s healthcheck asks neither {ServiceDefaultsExtensions.ReadyPath} nor {ServiceDefaultsExtensions.LivePath}");
            }

            if (!Regex.IsMatch(text, $@"[:/]{port}\b"))
            {
                Add("compose", test.At, $"{label}'s healthcheck does not ask port {port}, where {component.AssemblyName} listens");
            }
        }
        else
        {
            Add("compose", service.At, $"{label} has no healthcheck on {ServiceDefaultsExtensions.ReadyPath}");
        }
    }

    private void CheckRedisDurability(string label, YNode service)
    {
        var args = service["command"]?.Items.Select(i => i.Text ?? "").ToList() ?? [];
        string? After(string flag) => args.IndexOf(flag) is var i and >= 0 && i + 1 < args.Count ? args[i + 1] : null;
        if (After("--appendonly") != "yes" || After("--appendfsync") != "always" || After("--save") != "")
        {
            Add("compose", service.At, $"{label} must run with the window store's durability (docs/infrastructure.md): --appendonly yes --appendfsync always --save \"\" (has: {string.Join(' ', args)})");
        }
    }

    private void CheckCycles(Dictionary<string, List<string>> dependencies)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        bool Visit(string node, Stack<string> path)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return true;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                Add("compose", DeploymentFiles.ComposePath, $"depends_on cycle: {string.Join(" -> ", path.Reverse().Append(node))}");
                return false;
            }

            state[node] = 1;
            path.Push(node);
            var ok = dependencies.GetValueOrDefault(node, []).All(next => Visit(next, path));
            path.Pop();
            state[node] = 2;
            return ok;
        }

        foreach (var node in dependencies.Keys)
        {
            Visit(node, new Stack<string>());
        }
    }

    /// <summary>The compose RabbitMQ users get exactly the permissions scripts/infra.sh gives locally.</summary>
    private void CheckRabbitMqUsers()
    {
        var script = _files.Texts[DeploymentFiles.RabbitMqUsersScript];
        var infra = _files.Texts[DeploymentFiles.InfraScript];
        var ours = PermissionRegex().Matches(script).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        var theirs = PermissionRegex().Matches(infra).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        if (ModerationRegex().Match(infra) is { Success: true } moderation)
        {
            theirs["RMQ_MODERATION_CONFIGURE"] = moderation.Groups[1].Value;
            theirs["RMQ_MODERATION_WRITE"] = moderation.Groups[2].Value;
            theirs["RMQ_MODERATION_READ"] = moderation.Groups[3].Value;
        }

        if (theirs.Count == 0)
        {
            Add("compose", DeploymentFiles.InfraScript, "no RabbitMQ permissions (readonly RMQ_...='...') found to compare with");
        }

        foreach (var (name, expected) in theirs)
        {
            Count("RabbitMQ permissions compared with scripts/infra.sh");
            if (!ours.TryGetValue(name, out var actual))
            {
                Add("compose", DeploymentFiles.RabbitMqUsersScript, $"{name} is missing (scripts/infra.sh: '{expected}')");
            }
            else if (actual != expected)
            {
                Add("compose", DeploymentFiles.RabbitMqUsersScript, $"{name} = '{actual}', but scripts/infra.sh grants '{expected}'");
            }
        }
    }

    [GeneratedRegex("""\$\{[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}""")]
    private static partial Regex SecretFromEnvironmentRegex();

    [GeneratedRegex("""^readonly (RMQ_[A-Z_]+)='([^']*)'""", RegexOptions.Multiline)]
    private static partial Regex PermissionRegex();

    [GeneratedRegex("""governance-moderation "\$[A-Z_]+" '([^']*)' '([^']*)' '([^']*)'""")]
    private static partial Regex ModerationRegex();
}
