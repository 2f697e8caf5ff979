using System.Diagnostics;

namespace DataContracts.Benchmarks;

/// <summary>
/// Cold start: <c>datacontracts --version</c> and the README's offline sample check beside a plain dotnet
/// hello-world (this program's <c>hello</c> argument), and the files the tool ships. It runs the tool as users get
/// it: the Native AOT build of the linux-x64 tool package (<c>artifacts/native/datacontracts</c>) and the
/// framework-dependent published output (ReadyToRun) the Action and the MSBuild package ship
/// (<c>artifacts/tool/datacontracts.dll</c>), whichever exist. A path ending in <c>.dll</c> runs under <c>dotnet</c>,
/// any other is run as it is. With <c>--baseline OTHER</c> another build is measured in the same run, interleaved.
/// </summary>
internal static class StartupBenchmark
{
    private const int Runs = 9;

    private static readonly string[] SampleCheck =
        ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt"];

    public static async Task RunAsync(string? toolPath, string? baselinePath)
    {
        var root = FindRoot();
        var builds = new List<(string Name, string Path)>();
        if (baselinePath is not null)
        {
            builds.Add(("baseline", baselinePath));
        }

        builds.AddRange(toolPath is not null ? [("this", toolPath)] : Builds(root, FindPublishedTool(root)));

        if (builds.Count == (baselinePath is null ? 0 : 1))
        {
            Console.WriteLine("startup: publish src/DataContracts.Tool first (docs/performance.md, \"How to reproduce\"), or pass --tool PATH");
            return;
        }

        // This program's "hello" mode returns before touching any other assembly: a plain hello-world.
        var hello = typeof(StartupBenchmark).Assembly.Location;
        var commands = new List<(string Name, string[] Args)> { ("hello-world", [hello, "hello"]) };
        foreach (var (name, path) in builds)
        {
            commands.Add(($"{name}: --version", [path, "--version"]));
            commands.Add(($"{name}: README sample check", [path, .. SampleCheck]));
        }

        // Interleaved, so a burst of load from other processes hits every command alike.
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        for (var i = 0; i < Runs; i++)
        {
            foreach (var (name, args) in commands)
            {
                times[name].Add(await TimeAsync(args, root));
            }
        }

        var helloMs = Median(times["hello-world"]);
        Console.WriteLine($"startup: hello-world median {helloMs:0} ms (median of {Runs}, interleaved)");
        foreach (var (name, path) in builds)
        {
            var version = Median(times[$"{name}: --version"]);
            var sample = Median(times[$"{name}: README sample check"]);
            Console.WriteLine($"startup: {name} ({path}): --version {version:0} ms, ratio {version / helloMs:0.00}; README sample check {sample:0} ms, ratio {sample / helloMs:0.00}");
            var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
            var files = folder.GetFiles("*", SearchOption.AllDirectories);
            var dlls = files.Count(f => f.Extension == ".dll");
            Console.WriteLine($"startup: {name}: {files.Length} files ({dlls} DLLs) beside the tool, {files.Sum(f => f.Length) / 1024.0 / 1024.0:0.0} MB");
        }
    }

    private static async Task<double> TimeAsync(string[] args, string directory)
    {
        var clock = Stopwatch.StartNew();
        var (file, arguments) = Command(args[0], args[1..]);
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true };
        info.WorkingDirectory = directory;
        using var process = Process.Start(info)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}: the measurement would be of an error path.");
        }

        return elapsed;
    }

    /// <summary>
    /// The builds to measure, whichever exist: the native tool (<c>artifacts/native/datacontracts</c>, docs/performance.md
    /// makes it) and the given framework-dependent one.
    /// </summary>
    public static List<(string Name, string Path)> Builds(string root, string? frameworkDependent) =>
        [.. new[] { ("native", Path.Combine(root, "artifacts", "native", "datacontracts")), ("framework-dependent", frameworkDependent) }
            .Where(b => b.Item2 is not null && File.Exists(b.Item2))
            .Select(b => (b.Item1, b.Item2!))];

    /// <summary>How to start a build: a managed one (<c>.dll</c>) under the <c>dotnet</c> muxer, a native one as itself.</summary>
    public static (string File, string[] Arguments) Command(string tool, string[] arguments) =>
        tool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [tool, .. arguments]) : (tool, arguments);

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>The published CLI, as the Action builds it (docs/performance.md's commands make it); else null.</summary>
    public static string? FindPublishedTool(string root)
    {
        var published = Path.Combine(root, "artifacts", "tool", "datacontracts.dll");
        return File.Exists(published) ? published : null;
    }

    /// <summary>The Release build of the CLI (docs/performance.md's commands make it); a Debug build would measure the wrong thing.</summary>
    public static string? FindTool(string root)
    {
        var release = Path.Combine(root, "src", "DataContracts.Tool", "bin", "Release", "net10.0", "datacontracts.dll");
        return File.Exists(release) ? release : null;
    }

    public static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataContracts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
