using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Governance.Kafka;

/// <summary>
/// Loads librdkafka once per process. The default <c>librdkafka.so</c> of librdkafka.redist needs
/// <c>libsasl2.so.3</c>, which Debian does not ship; the <c>centos8-librdkafka.so</c> beside it is
/// self-contained (and exports the mock-cluster API), so it is the fallback.
/// </summary>
public static class KafkaNativeLibrary
{
    private static readonly Lazy<string> Loaded = new(LoadOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads librdkafka if it is not loaded yet; call before creating any Kafka client.</summary>
    /// <returns>The path of the loaded library.</returns>
    public static string EnsureLoaded() => Loaded.Value;

    private static string LoadOnce()
    {
        var explicitPath = Environment.GetEnvironmentVariable("LIBRDKAFKA_PATH");
        foreach (var candidate in Candidates(explicitPath))
        {
            if (!File.Exists(candidate) || !CanLoad(candidate))
            {
                continue;
            }

            if (OperatingSystem.IsLinux())
            {
                RedirectNativeNames(candidate);
            }

            Library.Load(candidate);
            return candidate;
        }

        throw new DllNotFoundException(
            "No loadable librdkafka was found (tried: " + string.Join(", ", Candidates(explicitPath)) +
            "). Set LIBRDKAFKA_PATH to a librdkafka.so built for this system.");
    }

    private static IEnumerable<string> Candidates(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return explicitPath;
        }

        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeId(), "native");
        if (OperatingSystem.IsLinux())
        {
            yield return Path.Combine(native, "librdkafka.so");
            yield return Path.Combine(native, "centos8-librdkafka.so");
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return Path.Combine(native, "librdkafka.dylib");
        }
        else
        {
            yield return Path.Combine(native, "librdkafka.dll");
        }
    }

    /// <summary>
    /// Confluent's loader dlopens through <c>[DllImport("libdl")]</c>, but glibc 2.34+ systems ship
    /// only <c>libdl.so.2</c> (the unversioned name comes with libc6-dev); and its
    /// <c>[DllImport("librdkafka")]</c> stubs would find the default build again. Map both names.
    /// </summary>
    private static void RedirectNativeNames(string librdkafka)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, _, _) => name switch
            {
                "libdl" => NativeLibrary.Load("libdl.so.2"),
                "librdkafka" => NativeLibrary.Load(librdkafka),
                _ => IntPtr.Zero,
            });
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set (by the library itself or the host); keep it.
        }
    }

    private static bool CanLoad(string path)
    {
        // Probe with dlopen first: Confluent's loader throws an opaque error on a missing dependency.
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    private static string RuntimeId()
    {
        var arch = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : "win";
        return $"{os}-{arch}";
    }
}
