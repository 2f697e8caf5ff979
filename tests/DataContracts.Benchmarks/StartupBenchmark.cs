using System.Diagnostics;

namespace DataContracts.Benchmarks;

/// <summary>
/// Cold start: <c>dotnet datacontracts.dll --version</c> and the README's offline sample check beside a plain
/// dotnet hello-world (this program's <c>hello</c> argument), and the DLLs the tool ships.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task RunAsync()
    {
        var root = FindRoot();
        var tool = FindTool(root);
        if (tool is null)
        {
            Console.WriteLine("startup: build src/DataContracts.Tool first (dotnet build -c Release)");
            return;
        }

        // This program's "hello" mode returns before touching any other assembly: a plain hello-world.
        var hello = typeof(StartupBenchmark).Assembly.Location;
        var toolMs = await MedianAsync([tool, "--version"], root);
        var helloMs = await MedianAsync([hello, "hello"], root);
        // The README's first command: the offline sample check (a snapshot, no network).
        var sampleMs = await MedianAsync(
            [tool, "check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt"], root);
        Console.WriteLine($"startup: datacontracts --version median {toolMs:0} ms, hello-world median {helloMs:0} ms, ratio {toolMs / helloMs:0.00}");
        Console.WriteLine($"startup: README sample check median {sampleMs:0} ms, ratio to hello-world {sampleMs / helloMs:0.00}");
        var files = new DirectoryInfo(Path.GetDirectoryName(tool)!).GetFiles("*.dll", SearchOption.AllDirectories);
        Console.WriteLine($"startup: {files.Length} DLLs beside the tool, {files.Sum(f => f.Length) / 1024.0 / 1024.0:0.0} MB");
    }

    private static async Task<double> MedianAsync(string[] args, string directory)
    {
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, WorkingDirectory = directory })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
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
