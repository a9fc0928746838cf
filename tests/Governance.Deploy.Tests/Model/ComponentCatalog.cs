using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Deploy.Tests.Model;

/// <summary>
/// What each deployable can be configured with, found in the code rather than listed by hand:
/// <list type="number">
/// <item>Options classes. The service's own <c>AddApplicationServices(IHostApplicationBuilder)</c> is run on an
/// empty builder; every <c>IConfigureOptions&lt;T&gt;</c>/<c>IValidateOptions&lt;T&gt;</c> it registers for a
/// Governance type is an options class bound from its <c>SectionName</c> constant. Its public settable
/// properties are the keys (nested classes recursed, dictionaries and lists open below their key), each
/// with the class's default value.</item>
/// <item>Keys the code reads by name, in the sources of the project and of every project it references:
/// <c>Configuration["X"]</c>, <c>Configuration.GetValue(…"X"…)</c> and <c>Environment.GetEnvironmentVariable("X")</c>
/// (e.g. <c>Hosting:LogFormat</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>KAFKA_BOOTSTRAP_SERVERS</c>, the CLI's
/// <c>REDIS_CONFIGURATION</c>).</item>
/// <item>ASP.NET Core's own host settings, for web projects only: <c>Urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c>, <c>Logging:*</c>.</item>
/// </list>
/// A renamed property or key therefore fails the deployment tests until compose and the manifests follow.
/// </summary>
internal static partial class ComponentCatalog
{
    public const string ImagePrefix = "creator-governance/";

    private static readonly ConcurrentDictionary<string, (SettingCatalog Settings, IReadOnlyList<string> Problems)> Cache = new(StringComparer.Ordinal);

    private static readonly string[] WebHostEnvironmentNames =
        ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    /// <summary>The component a Dockerfile builds; problems (no publish line, unknown project) are added to <paramref name="problems"/>.</summary>
    public static Component? FromDockerfile(Repository repo, Dockerfile dockerfile, List<Problem> problems)
    {
        var name = Path.GetFileName(dockerfile.Path);
        name = name.EndsWith(".Dockerfile", StringComparison.Ordinal) ? name[..^".Dockerfile".Length] : name;
        var publish = dockerfile.Stages.SelectMany(s => s.All("RUN")).Select(r => (Run: r, Match: PublishRegex().Match(r.Arguments))).FirstOrDefault(x => x.Match.Success);
        if (publish.Match is null)
        {
            problems.Add(new Problem("dockerfile", dockerfile.Path, "no RUN dotnet publish <project>.csproj: the test cannot tell which project the image holds"));
            return null;
        }

        var project = repo.Normalize(publish.Match.Groups[1].Value);
        var where = $"{dockerfile.Path}:{publish.Run.Line}";
        if (!repo.Exists(project))
        {
            problems.Add(new Problem("dockerfile", where, $"publishes {project}, which does not exist"));
            return null;
        }

        if (!repo.SolutionProjects.Contains(project))
        {
            problems.Add(new Problem("dockerfile", where, $"publishes {project}, which is not a project of Governance.sln"));
        }

        var isService = repo.IsWebProject(project);
        var (settings, catalogProblems) = Cache.GetOrAdd(project, p => Build(repo, p, isService));
        problems.AddRange(catalogProblems.Select(m => new Problem("dockerfile", where, m)));
        var appSettings = repo.AppSettings(project);
        return new Component
        {
            Name = name,
            Dockerfile = dockerfile.Path,
            Project = project,
            AssemblyName = repo.AssemblyName(project),
            IsService = isService,
            Port = appSettings.TryGetValue("Urls", out var urls) && Ports(urls) is [var first, ..] ? first : null,
            Settings = settings,
            AppSettings = appSettings,
        };
    }

    /// <summary>The ports of a <c>Urls</c> value (<c>http://+:8081;http://127.0.0.1:9000</c>).</summary>
    public static IReadOnlyList<int?> Ports(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => PortRegex().Match(u))
            .Select(m => m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null)
            .ToList();

    private static (SettingCatalog, IReadOnlyList<string>) Build(Repository repo, string project, bool isService)
    {
        var catalog = new SettingCatalog();
        var problems = new List<string>();
        if (isService)
        {
            AddOptionsClasses(repo.AssemblyName(project), catalog, problems);
            catalog.AddKey(new Setting("Urls", "ASP.NET Core", null, "Urls"));
            catalog.AddOpenPrefix("Logging:", "ASP.NET Core logging");
            foreach (var name in WebHostEnvironmentNames)
            {
                catalog.AddEnvironmentName(new Setting(name, "ASP.NET Core", null, name));
            }
        }

        foreach (var dependency in repo.ProjectClosure(project))
        {
            foreach (var file in repo.Sources(dependency))
            {
                var text = File.ReadAllText(file);
                var origin = repo.Relative(file);
                foreach (Match m in EnvironmentReadRegex().Matches(text))
                {
                    catalog.AddEnvironmentName(new Setting(m.Groups[1].Value, origin, null, m.Groups[1].Value));
                }

                foreach (Match m in ConfigurationReadRegex().Matches(text))
                {
                    var key = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                    catalog.AddKey(new Setting(key, origin, null, key.Split(':')[^1]));
                }
            }
        }

        return (catalog, problems);
    }

    private static void AddOptionsClasses(string assemblyName, SettingCatalog catalog, List<string> problems)
    {
        var assembly = Assembly.Load(new AssemblyName(assemblyName));
        var register = assembly.GetExportedTypes()
            .Select(t => t.GetMethod("AddApplicationServices", BindingFlags.Public | BindingFlags.Static, [typeof(IHostApplicationBuilder)]))
            .FirstOrDefault(m => m is not null);
        if (register is null)
        {
            problems.Add($"{assemblyName} has no public static AddApplicationServices(IHostApplicationBuilder): its options classes cannot be found");
            return;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = assemblyName });
        register.Invoke(null, [builder]);
        var optionTypes = builder.Services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>) || t.GetGenericTypeDefinition() == typeof(IValidateOptions<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name?.StartsWith("Governance.", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        if (optionTypes.Count == 0)
        {
            problems.Add($"{assemblyName}.AddApplicationServices registers no Governance options class");
        }

        foreach (var type in optionTypes)
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section)
            {
                problems.Add($"options class {type.FullName} has no public const SectionName: its configuration section is unknown");
                continue;
            }

            var instance = type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
            AddProperties(type, section, instance, catalog, 0);
        }
    }

    private static void AddProperties(Type type, string prefix, object? instance, SettingCatalog catalog, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var key = prefix + ":" + property.Name;
            var origin = $"{type.FullName}.{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = instance is null ? null : property.GetValue(instance);
            if (IsScalar(propertyType))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    catalog.AddKey(new Setting(key, origin, Format(value), property.Name));
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                catalog.AddOpenPrefix(key + ":", origin);
            }
            else if (propertyType.IsClass && depth < 5)
            {
                AddProperties(propertyType, key, value, catalog, depth + 1);
            }
        }
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
        || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid) || t == typeof(Uri);

    private static string? Format(object? value) => value switch
    {
        null => null,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [GeneratedRegex("""dotnet\s+publish\s+(\S+\.csproj)""")]
    private static partial Regex PublishRegex();

    [GeneratedRegex(""":(\d+)/?\s*$""")]
    private static partial Regex PortRegex();

    [GeneratedRegex("""GetEnvironmentVariable\(\s*"([^"]+)"\s*\)""")]
    private static partial Regex EnvironmentReadRegex();

    [GeneratedRegex("""Configuration\[\s*"([^"]+)"\s*\]|Configuration\.GetValue(?:<[^>]+>)?\(\s*"([^"]+)""")]
    private static partial Regex ConfigurationReadRegex();
}
