using System.Diagnostics;

namespace DataContracts.Benchmarks;

/// <summary>Cold start: <c>dotnet datacontracts.dll --version</c> beside a plain dotnet hello-world (this program's <c>hello</c> argument).</summary>
internal static class StartupBenchmark
{
    public static async Task RunAsync()
    {
        var root = FindRoot();
        var tool = Directory.EnumerateFiles(Path.Combine(root, "src", "DataContracts.Tool", "bin"), "datacontracts.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        if (tool is null)
        {
            Console.WriteLine("startup: build src/DataContracts.Tool first (dotnet build -c Release)");
            return;
        }

        // This program's "hello" mode returns before touching any other assembly: a plain hello-world.
        var hello = typeof(StartupBenchmark).Assembly.Location;
        var toolMs = await MedianAsync([tool, "--version"]);
        var helloMs = await MedianAsync([hello, "hello"]);
        Console.WriteLine($"startup: datacontracts --version median {toolMs:0} ms, hello-world median {helloMs:0} ms, ratio {toolMs / helloMs:0.00}");
    }

    private static async Task<double> MedianAsync(string[] args)
    {
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataContracts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
