using System.Globalization;
using Governance.Deploy.Tests.Model;

namespace Governance.Deploy.Tests.Checks;

internal sealed partial class DeploymentChecker
{
    private static readonly string[] BuildFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props"];

    private void CheckDockerfiles()
    {
        foreach (var (path, dockerfile) in _dockerfiles)
        {
            Count("Dockerfiles");
            var component = _components.Values.FirstOrDefault(c => c.Dockerfile == path);
            if (dockerfile.Stages.Count < 2 || dockerfile.Final is not { } final)
            {
                Add("dockerfile", path, $"{dockerfile.Stages.Count} stage(s): expected a multi-stage build (SDK image to build, a runtime image to run)");
                continue;
            }

            // Base images: official and pinned, the SDK to build, aspnet/runtime to run.
            var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var stage in dockerfile.Stages)
            {
                if (!stageNames.Contains(stage.Image))
                {
                    CheckImage("dockerfile", $"{path}:{stage.From.Line}", stage.Image);
                }

                if (stage.Name is not null)
                {
                    stageNames.Add(stage.Name);
                }
            }

            if (ImageRepository(dockerfile.Stages[0].Image) != "mcr.microsoft.com/dotnet/sdk")
            {
                Add("dockerfile", $"{path}:{dockerfile.Stages[0].From.Line}", $"the build stage starts FROM {dockerfile.Stages[0].Image}, not the .NET SDK image");
            }

            var runtime = ImageRepository(final.Image);
            if (runtime is not ("mcr.microsoft.com/dotnet/aspnet" or "mcr.microsoft.com/dotnet/runtime"))
            {
                Add("dockerfile", $"{path}:{final.From.Line}", $"the final stage runs FROM {final.Image}: expected the small runtime image (mcr.microsoft.com/dotnet/aspnet or runtime), not the SDK");
            }

            // Non-root.
            var user = final.All("USER").LastOrDefault();
            if (user is null)
            {
                Add("dockerfile", path, "the final stage has no USER instruction: the container would run as root (use USER $APP_UID, the image's non-root user app)");
            }
            else if (user.Arguments.Trim() is "root" or "0" or "0:0")
            {
                Add("dockerfile", $"{path}:{user.Line}", $"USER {user.Arguments.Trim()} runs the container as root");
            }

            // COPY sources exist.
            foreach (var stage in dockerfile.Stages)
            {
                foreach (var copy in stage.All("COPY").Select(Dockerfile.ParseCopy).Where(c => c.FromStage is null))
                {
                    foreach (var source in copy.Sources.Where(s => !_repo.Exists(s)))
                    {
                        Add("dockerfile", $"{path}:{copy.Line}", $"COPY {source}: no such file or folder in the repository (the build context)");
                    }
                }
            }

            if (component is null)
            {
                continue;
            }

            CheckProjectCopies(path, dockerfile.Stages[0], component);

            // Entry point: the published assembly.
            var entry = final.All("ENTRYPOINT").LastOrDefault();
            if (entry is null || !Dockerfile.ParseCommand(entry).Any(a => a.EndsWith(component.AssemblyName + ".dll", StringComparison.Ordinal)))
            {
                Add("dockerfile", entry is null ? path : $"{path}:{entry.Line}", $"the ENTRYPOINT does not run {component.AssemblyName}.dll, the assembly of {component.Project}");
            }

            // ENV: settings of the component; the port is the one of appsettings.json's Urls.
            var env = final.All("ENV").SelectMany(e => Dockerfile.ParseEnv(e).Select(v => new EnvVar(v.Name, v.Value, $"{path}:{e.Line}", "Dockerfile ENV"))).ToList();
            CheckEnvironment("dockerfile", component, env);
            if (component.IsService)
            {
                CheckServiceImagePorts(path, final, component, env);
            }

            // What the component reads from disk relative to its working directory must be in the image.
            foreach (var setting in component.Settings.Keys)
            {
                var value = component.Effective(setting.Key, new Dictionary<string, string?>());
                if (value is { Length: > 1 } && !value.Contains(':', StringComparison.Ordinal) && !value.StartsWith('/') && _repo.Exists(value) && !ImageContains(component, value))
                {
                    Add("dockerfile", path, $"{component.AssemblyName} reads {setting.Key} = {value} (relative to {final.WorkDir}), but the final stage copies nothing there: COPY {value} {value}");
                }
            }

            var command = final.All("CMD").LastOrDefault();
            if (command is not null && RulesArgument(Dockerfile.ParseCommand(command)) is { } rules && !ImageContains(component, rules))
            {
                Add("dockerfile", $"{path}:{command.Line}", $"CMD passes --rules {rules}, but the image has no rule pack there");
            }
        }
    }

    /// <summary>The published project's references (and the central build files) are copied before the restore.</summary>
    private void CheckProjectCopies(string path, DockerStage build, Component component)
    {
        var copies = build.Instructions
            .Select((instruction, index) => (instruction, index))
            .Where(x => x.instruction.Keyword == "COPY")
            .Select(x => (Copy: Dockerfile.ParseCopy(x.instruction), x.index))
            .Where(x => x.Copy.FromStage is null)
            .ToList();
        var restore = build.Instructions.Select((instruction, index) => (instruction, index))
            .FirstOrDefault(x => x.instruction.Keyword == "RUN" && x.instruction.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var publish = build.Instructions.Select((instruction, index) => (instruction, index))
            .FirstOrDefault(x => x.instruction.Keyword == "RUN" && x.instruction.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var firstUse = restore.instruction is not null ? restore.index : publish.instruction is not null ? publish.index : int.MaxValue;
        bool CopiedBefore(string file, int index) => copies.Any(c => c.index < index && c.Copy.Sources.Any(s =>
        {
            var source = s.TrimEnd('/');
            return source == "." || file == source || file.StartsWith(source + "/", StringComparison.Ordinal);
        }));

        foreach (var file in BuildFiles)
        {
            Count("build inputs copied before restore");
            if (!CopiedBefore(file, firstUse))
            {
                Add("dockerfile", path, $"{file} is not copied before the restore: central package versions and the SDK pin would be missing");
            }
        }

        foreach (var project in _repo.ProjectClosure(component.Project))
        {
            Count("build inputs copied before restore");
            if (!CopiedBefore(project, firstUse))
            {
                Add("dockerfile", path, $"{project} ({Path.GetFileNameWithoutExtension(project)}, referenced by {component.Project}) is not copied before the restore: the restore would fail");
            }
            else if (!CopiedBefore(Path.GetDirectoryName(project)!.Replace('\\', '/') + "/*.cs", publish.instruction is null ? int.MaxValue : publish.index))
            {
                Add("dockerfile", path, $"the sources of {project} are not copied before the publish");
            }
        }
    }

    private void CheckServiceImagePorts(string path, DockerStage final, Component component, List<EnvVar> env)
    {
        if (component.Port is not { } port)
        {
            Add("dockerfile", path, $"{component.Project} has no Urls in appsettings.json: its port is unknown");
            return;
        }

        var urls = env.LastOrDefault(e => string.Equals(e.Name, "Urls", StringComparison.OrdinalIgnoreCase));
        if (urls is null || !urls.Value!.Contains('+', StringComparison.Ordinal) && !urls.Value.Contains("0.0.0.0", StringComparison.Ordinal) && !urls.Value.Contains("[::]", StringComparison.Ordinal))
        {
            Add("dockerfile", path, $"the image does not set Urls to all interfaces (ENV Urls=http://+:{port}): appsettings.json listens on 127.0.0.1 only, unreachable from outside the container");
        }

        var exposed = final.All("EXPOSE").SelectMany(e => e.Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.TryParse(p.Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        if (!exposed.Contains(port) || exposed.Any(p => p != port))
        {
            Add("dockerfile", path, $"EXPOSE {string.Join(' ', exposed)}: {component.AssemblyName} listens on {port} (appsettings.json Urls)");
        }
    }
}
