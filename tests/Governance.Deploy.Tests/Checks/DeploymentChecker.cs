using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Governance.Contracts;
using Governance.Deploy.Tests.Model;

namespace Governance.Deploy.Tests.Checks;

/// <summary>An environment variable as a container gets it, with where it was set.</summary>
internal sealed record EnvVar(string Name, string? Value, string Where, string Source);

/// <summary>
/// Checks docker-compose.yml, the Dockerfiles and the Kubernetes manifests against the solution: every
/// image, Dockerfile, project, setting, port, probe, topic and queue they name must exist in the code and
/// its configuration (see <see cref="ComponentCatalog"/> for how settings are found). Each problem names
/// the file, the line and what is wrong.
/// </summary>
internal sealed partial class DeploymentChecker
{
    /// <summary>Third-party images the deployment may use: the publisher's own repository, with a version tag.</summary>
    public static readonly IReadOnlyDictionary<string, string> OfficialRepositories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mcr.microsoft.com/dotnet/sdk"] = "Microsoft",
        ["mcr.microsoft.com/dotnet/aspnet"] = "Microsoft",
        ["mcr.microsoft.com/dotnet/runtime"] = "Microsoft",
        ["apache/kafka"] = "Apache Software Foundation",
        ["redis"] = "Docker Official Image",
        ["rabbitmq"] = "Docker Official Image",
        ["postgres"] = "Docker Official Image",
        ["curlimages/curl"] = "curl project",
        ["otel/opentelemetry-collector-contrib"] = "OpenTelemetry",
        ["jaegertracing/all-in-one"] = "Jaeger",
        ["prom/prometheus"] = "Prometheus",
        ["grafana/grafana"] = "Grafana Labs",
    };

    private readonly Repository _repo;
    private readonly DeploymentFiles _files;
    private readonly List<Problem> _problems = [];
    private readonly Dictionary<string, Component> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dockerfile> _dockerfiles = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _topics;
    private readonly HashSet<string> _knownNames;
    private int? _composePartitions;
    private int? _kubernetesPartitions;

    private DeploymentChecker(Repository repo, DeploymentFiles files)
    {
        _repo = repo;
        _files = files;
        _topics = typeof(Topics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        _knownNames = new HashSet<string>(_topics, StringComparer.Ordinal);
    }

    /// <summary>All problems found, and how many things of each kind were checked (for the test output).</summary>
    public sealed record Result(IReadOnlyList<Problem> Problems, IReadOnlyDictionary<string, int> Checked, IReadOnlyList<Component> Components);

    public static Result Run(Repository repo, DeploymentFiles files)
    {
        var checker = new DeploymentChecker(repo, files);
        checker.LoadComponents();
        checker.CheckDockerfiles();
        checker.CheckCompose();
        checker.CheckKubernetes();
        checker.CheckPartitionsAlike();
        return new Result(checker._problems, checker._counts, checker._components.Values.ToList());
    }

    private void Add(string area, string where, string message) => _problems.Add(new Problem(area, where, message));

    private void Count(string what, int n = 1) => _counts[what] = _counts.GetValueOrDefault(what) + n;

    private void LoadComponents()
    {
        foreach (var path in _files.Dockerfiles)
        {
            var dockerfile = Dockerfile.Parse(path, _files.Texts[path]);
            _dockerfiles[path] = dockerfile;
            if (ComponentCatalog.FromDockerfile(_repo, dockerfile, _problems) is { } component)
            {
                _components[component.Name] = component;
                Count("components (Dockerfile → project → settings)");
            }
        }

        // Queue and topic names the code uses: the defaults of every *Queue / *Topic setting.
        foreach (var component in _components.Values)
        {
            foreach (var setting in component.Settings.Keys.Where(s => s.Property.EndsWith("Queue", StringComparison.Ordinal) || s.Property.EndsWith("Topic", StringComparison.Ordinal)))
            {
                if (component.Effective(setting.Key, new Dictionary<string, string?>()) is { Length: > 0 } name)
                {
                    _knownNames.Add(name);
                }
            }
        }
    }

    /// <summary>The component an image of ours is built from (creator-governance/NAME:tag), or null.</summary>
    private Component? ComponentOf(string image)
    {
        var repository = ImageRepository(image);
        return repository.StartsWith(ComponentCatalog.ImagePrefix, StringComparison.Ordinal)
            && _components.TryGetValue(repository[ComponentCatalog.ImagePrefix.Length..], out var c) ? c : null;
    }

    private static string ImageRepository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    /// <summary>An image is either ours (a Dockerfile builds it) or an official one with a pinned version tag.</summary>
    private void CheckImage(string area, string where, string image, bool localBuild = false)
    {
        Count("images");
        var repository = ImageRepository(image);
        var hasDigest = image.Contains('@', StringComparison.Ordinal);
        var tag = hasDigest || repository.Length == image.Length ? "" : image[(repository.Length + 1)..];
        if (repository.StartsWith(ComponentCatalog.ImagePrefix, StringComparison.Ordinal))
        {
            var name = repository[ComponentCatalog.ImagePrefix.Length..];
            if (!_files.Texts.ContainsKey($"{DeploymentFiles.DockerDirectory}/{name}.Dockerfile"))
            {
                Add(area, where, $"image {image} is ours ({ComponentCatalog.ImagePrefix}*) but {DeploymentFiles.DockerDirectory}/{name}.Dockerfile does not exist");
            }
            else if (!hasDigest && (tag.Length == 0 || tag == "latest" || (tag == "dev" && !localBuild)))
            {
                Add(area, where, $"image {image} has no pinned tag (':{(tag.Length == 0 ? "<none>" : tag)}'): give it a version");
            }

            return;
        }

        if (!OfficialRepositories.ContainsKey(repository))
        {
            Add(area, where, $"image {image} is neither built from {DeploymentFiles.DockerDirectory} nor one of the official images the deployment allows ({string.Join(", ", OfficialRepositories.Keys)})");
        }
        else if (!hasDigest && !PinnedTagRegex().IsMatch(tag))
        {
            Add(area, where, $"image {image} is not pinned: the tag '{(tag.Length == 0 ? "<none>, i.e. latest" : tag)}' must name a version (at least major.minor), never latest");
        }
    }

    /// <summary>Environment variables a container of <paramref name="component"/> gets must all be settings it reads.</summary>
    private void CheckEnvironment(string area, Component component, IEnumerable<EnvVar> environment)
    {
        foreach (var variable in environment)
        {
            Count("environment variables resolved to settings");
            var setting = component.Settings.Resolve(variable.Name);
            if (setting is null)
            {
                Add(area, variable.Where, $"{variable.Name} ({variable.Source}) is not a setting of {component.AssemblyName}: no configuration key {SettingCatalog.ToKey(variable.Name)} in its options classes, appsettings or code{component.Settings.Suggest(variable.Name)}");
                continue;
            }

            if (variable.Value is null)
            {
                continue;
            }

            if ((setting.Property.EndsWith("Queue", StringComparison.Ordinal) || setting.Property.EndsWith("Topic", StringComparison.Ordinal))
                && component.Effective(setting.Key, new Dictionary<string, string?>()) is { } codeName && !string.Equals(codeName, variable.Value, StringComparison.Ordinal))
            {
                Add(area, variable.Where, $"{variable.Name} = {variable.Value}, but {component.AssemblyName}'s {setting.Key} is {codeName} in the code; the RabbitMQ grants and topics are made for that name");
            }

            if (string.Equals(setting.Key, "Urls", StringComparison.OrdinalIgnoreCase) && component.Port is { } port
                && ComponentCatalog.Ports(variable.Value).Any(p => p != port))
            {
                Add(area, variable.Where, $"Urls = {variable.Value}, but {component.AssemblyName} listens on port {port} (appsettings.json Urls); probes and ports use {port}");
            }
        }
    }

    /// <summary>Topic, queue and exchange names written anywhere in a deployment file must be the code's.</summary>
    private void CheckNames(string area, IEnumerable<YNode> scalars)
    {
        foreach (var scalar in scalars)
        {
            foreach (Match m in NameRegex().Matches(scalar.Text ?? ""))
            {
                Count("topic/queue names");
                if (!_knownNames.Contains(m.Value))
                {
                    Add(area, scalar.At, $"'{m.Value}' is not a topic (Governance.Contracts.Topics) or queue (the services' *Queue settings) of the code; known: {string.Join(", ", _knownNames.Order(StringComparer.Ordinal))}");
                }
            }
        }
    }

    /// <summary>The one-shot that creates the topics: TOPICS must be exactly the contract topics, PARTITIONS one count for all.</summary>
    private int? CheckTopicInitializer(string area, string where, string script, IReadOnlyList<EnvVar> environment)
    {
        Count("topic initializers");
        string? Value(string name) => environment.FirstOrDefault(e => e.Name == name)?.Value;
        if (!script.Contains("TOPICS", StringComparison.Ordinal) || !script.Contains("--partitions", StringComparison.Ordinal) || !script.Contains("PARTITIONS", StringComparison.Ordinal))
        {
            Add(area, where, "the topic initializer must create every topic of $TOPICS with --partitions \"$PARTITIONS\" (one count for all: partitioned alike)");
        }

        var topics = (Value("TOPICS") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var missing = _topics.Except(topics).Order(StringComparer.Ordinal).ToList();
        var extra = topics.Except(_topics).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            Add(area, where, $"the topic initializer's TOPICS lacks {string.Join(", ", missing)} (Governance.Contracts.Topics)");
        }

        if (extra.Count > 0)
        {
            Add(area, where, $"the topic initializer's TOPICS names {string.Join(", ", extra)}, which Governance.Contracts.Topics does not have");
        }

        if (!int.TryParse(Value("PARTITIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
        {
            Add(area, where, $"the topic initializer's PARTITIONS ('{Value("PARTITIONS")}') is not a positive number");
            return null;
        }

        return partitions;
    }

    private void CheckPartitionsAlike()
    {
        if (_composePartitions is { } compose && _kubernetesPartitions is { } kubernetes && compose != kubernetes)
        {
            Add("k8s", DeploymentFiles.KubernetesDirectory, $"the Kubernetes initializer creates {kubernetes} partitions per topic, docker-compose.yml {compose}: keep them alike");
        }
    }

    /// <summary>What the final image holds at <paramref name="imagePath"/>, if a COPY from the repository puts something there.</summary>
    private bool ImageContains(Component component, string imagePath)
    {
        if (!_dockerfiles.TryGetValue(component.Dockerfile, out var dockerfile) || dockerfile.Final is not { } final)
        {
            return false;
        }

        var workDir = final.WorkDir.TrimEnd('/');
        imagePath = imagePath.StartsWith('/') ? imagePath : workDir + "/" + imagePath;
        imagePath = imagePath.TrimEnd('/');
        foreach (var copy in final.All("COPY").Select(Dockerfile.ParseCopy).Where(c => c.FromStage is null))
        {
            var destination = copy.Destination.StartsWith('/') ? copy.Destination : workDir + "/" + copy.Destination;
            destination = destination.TrimEnd('/');
            foreach (var source in copy.Sources)
            {
                var from = source.TrimEnd('/');
                if (imagePath == destination || imagePath.StartsWith(destination + "/", StringComparison.Ordinal))
                {
                    var rest = imagePath[destination.Length..].TrimStart('/');
                    if (_repo.Exists(rest.Length == 0 ? from : from + "/" + rest))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The value after <c>--rules</c> in a command line (the CLI's rule pack folder), if any.</summary>
    private static string? RulesArgument(IReadOnlyList<string> args)
    {
        var i = args.ToList().IndexOf("--rules");
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static IReadOnlyList<YNode>? TryLoad(string text, string file, List<Problem> problems, string area)
    {
        try
        {
            return YNode.LoadAll(text, file);
        }
        catch (InvalidDataException ex)
        {
            problems.Add(new Problem(area, file, ex.Message));
            return null;
        }
    }

    [GeneratedRegex("""^v?\d+\.\d+""")]
    private static partial Regex PinnedTagRegex();

    [GeneratedRegex("""(?<![\w.-])(?:creator|governance|moderation)\.[a-z0-9][a-z0-9._-]*[a-z0-9]""")]
    private static partial Regex NameRegex();
}
