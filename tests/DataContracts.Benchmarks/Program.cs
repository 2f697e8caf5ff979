using System.Globalization;

namespace DataContracts.Benchmarks;

/// <summary>
/// One-shot measurements recorded in docs/performance.md: the lineage walk against a large fake workspace with
/// network latency, manifest reading beside Python's json module, and cold start beside a hello-world.
/// Usage: dotnet run -c Release --project tests/DataContracts.Benchmarks -- [lineage] [independent] [manifest] [startup] [--latency-ms N] [--concurrency N] [--columns] [--in-process] [--tool PATH] [--baseline PATH]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hello"])
        {
            Console.WriteLine("Hello, World!");
            return 0;
        }

        if (args is ["read-manifest", var manifestPath])
        {
            // A fresh process, so its peak working set is the reader's alone.
            await ManifestBenchmark.ReadOnceAsync(manifestPath);
            return 0;
        }

        if (args is ["serve-fakes", var snapshot])
        {
            await ServeFakes.RunAsync(snapshot);
            return 0;
        }

        var latency = TimeSpan.FromMilliseconds(Option(args, "--latency-ms", 50));
        var concurrency = Option(args, "--concurrency", 16);
        var which = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _) && (i == 0 || args[i - 1] is not ("--tool" or "--baseline"))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = which.Count == 0;
        if (all || which.Contains("lineage"))
        {
            await LineageBenchmark.RunAsync(latency, concurrency, args.Contains("--columns"));
        }

        if (all || which.Contains("independent"))
        {
            // --tool PATH measures another build of the CLI (say, the one before a change) against the same fake.
            var at = Array.IndexOf(args, "--tool");
            await IndependentBenchmark.RunAsync(latency, at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null, args.Contains("--in-process"));
        }

        if (all || which.Contains("manifest"))
        {
            await ManifestBenchmark.RunAsync();
        }

        if (all || which.Contains("startup"))
        {
            // --tool PATH measures that build instead of the published one; --baseline PATH measures another beside it.
            await StartupBenchmark.RunAsync(PathOption(args, "--tool"), PathOption(args, "--baseline"));
        }

        return 0;
    }

    private static string? PathOption(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
