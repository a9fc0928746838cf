using Governance.Deploy.Tests.Model;

namespace Governance.Deploy.Tests.Checks;

/// <summary>
/// The texts the checker reads: docker-compose.yml, deploy/docker/*.Dockerfile, deploy/k8s/*.yaml and the
/// scripts they must agree with. Held in memory so that a test can hand the same checker a broken copy.
/// </summary>
internal sealed class DeploymentFiles
{
    public const string ComposePath = "docker-compose.yml";
    public const string DockerDirectory = "deploy/docker";
    public const string KubernetesDirectory = "deploy/k8s";
    public const string RabbitMqUsersScript = "deploy/rabbitmq/init-users.sh";
    public const string InfraScript = "scripts/infra.sh";

    private DeploymentFiles(IReadOnlyDictionary<string, string> texts) => Texts = texts;

    /// <summary>Repository-relative path ('/') → text.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    public IEnumerable<string> Dockerfiles =>
        Texts.Keys.Where(p => p.StartsWith(DockerDirectory + "/", StringComparison.Ordinal) && p.EndsWith(".Dockerfile", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public IEnumerable<string> KubernetesFiles =>
        Texts.Keys.Where(p => p.StartsWith(KubernetesDirectory + "/", StringComparison.Ordinal)
            && (p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))).Order(StringComparer.Ordinal);

    public static DeploymentFiles Load(Repository repo)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string path) => texts[path] = repo.Read(path);
        Add(ComposePath);
        Add(RabbitMqUsersScript);
        Add(InfraScript);
        foreach (var dir in new[] { DockerDirectory, KubernetesDirectory })
        {
            foreach (var file in Directory.EnumerateFiles(repo.Full(dir)))
            {
                Add(repo.Relative(file));
            }
        }

        return new DeploymentFiles(texts);
    }

    /// <summary>A copy with <paramref name="oldText"/> replaced in one file (which must contain it, once or more).</summary>
    public DeploymentFiles With(string path, string oldText, string newText)
    {
        if (!Texts.TryGetValue(path, out var text) || !text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} does not contain '{oldText}': the broken-file test no longer matches the file; update the test.");
        }

        var copy = new Dictionary<string, string>(Texts, StringComparer.Ordinal) { [path] = text.Replace(oldText, newText, StringComparison.Ordinal) };
        return new DeploymentFiles(copy);
    }
}
