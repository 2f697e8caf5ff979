using System.Diagnostics;
using System.Globalization;

namespace DataContracts.Benchmarks;

/// <summary>
/// The row: a whole offline <c>check</c> of one changed model, by the built CLI out of process, against a
/// project whose manifest is the generated ~100 MB file, divided by <c>python3 json.load</c> of that file. The
/// project is a real git repository (one model changed in the working tree), a contract file and a catalog
/// snapshot, so the check does everything it does in CI except the network.
/// </summary>
internal static class ManifestCheckBenchmark
{
    private const string Model = "m000100";

    public static async Task RunAsync(string manifest)
    {
        var root = StartupBenchmark.FindRoot();
        var builds = StartupBenchmark.Builds(root, StartupBenchmark.FindTool(root));
        if (builds.Count == 0)
        {
            Console.WriteLine("manifest check: build src/DataContracts.Tool first (dotnet build -c Release)");
            return;
        }

        var project = Path.Combine(Path.GetTempPath(), "dc-bench-manifest-project-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            await CreateProjectAsync(project, manifest);
            string[] load = ["-c", $"import json; json.load(open({PyString(manifest)}))"];
            var python = await BestOfAsync(3, () => RunAsync("python3", load, project));
            var pythonCpu = await CpuSecondsAsync("python3", load, project);
            Console.WriteLine($"manifest check: python3 json.load best of 3 {python * 1000:0} ms, CPU (user+sys) {pythonCpu * 1000:0} ms");
            foreach (var (name, tool) in builds)
            {
                var (file, check) = StartupBenchmark.Command(tool, ["check", "--base", "HEAD", "--format", "json"]);
                var first = await RunAsync(file, check, project);
                if (first.ExitCode is not (0 or 1) || !first.Output.Contains("ANALYTICS.MARTS.M" + Model[1..], StringComparison.OrdinalIgnoreCase))
                {
                    Console.WriteLine($"manifest check ({name}): the check did not map the changed model (exit code {first.ExitCode}):\n{first.Output[..Math.Min(2000, first.Output.Length)]}");
                    continue;
                }

                var wall = await BestOfAsync(3, () => RunAsync(file, check, project));

                // On a shared machine the wall clock mostly measures waiting for a core; CPU time (user + sys) does not.
                var cpu = await CpuSecondsAsync(file, check, project);
                Console.WriteLine($"manifest check ({name}): offline `check` of one changed model, best of 3 {wall * 1000:0} ms, ratio to python3 {wall / python:0.00} (target <= 0.5); CPU {cpu * 1000:0} ms, ratio {cpu / pythonCpu:0.00}");
            }
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static async Task CreateProjectAsync(string project, string manifest)
    {
        Directory.CreateDirectory(Path.Combine(project, "models", "marts"));
        Directory.CreateDirectory(Path.Combine(project, "target"));
        File.Copy(manifest, Path.Combine(project, "target", "manifest.json"));
        await File.WriteAllTextAsync(Path.Combine(project, ".gitignore"), "target/\n");
        await File.WriteAllTextAsync(Path.Combine(project, "dbt_project.yml"), "name: bench\nversion: '1.0.0'\nprofile: bench\nmodel-paths: [models]\n");
        await File.WriteAllTextAsync(Path.Combine(project, "models", "marts", Model + ".sql"), "select id, amount from {{ ref('orders') }}\n");
        await File.WriteAllTextAsync(Path.Combine(project, "datacontracts.yml"), $"""
            version: 1
            secoda:
              snapshot: secoda-snapshot.json
            dbt:
              project_dir: .
              manifest: target/manifest.json
            policy:
              on_impact: warn
            contracts:
              - name: bench
                models: ["models/marts/{Model}.sql"]
                on_impact: fail
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "secoda-snapshot.json"), $$"""
            {
              "version": 1,
              "source": "https://api.secoda.co/api/v1/",
              "createdAt": "2026-11-28T00:00:00Z",
              "resources": [
                { "id": "00000000-0000-0000-0000-000000000001", "title": "M{{Model[1..]}}", "entityType": "table", "nativeType": "table", "database": "ANALYTICS", "schema": "MARTS", "url": "https://app.secoda.co/table/1", "owners": [] },
                { "id": "00000000-0000-0000-0000-000000000002", "title": "Revenue", "entityType": "dashboard", "nativeType": "dashboard", "url": "https://bi.example/2", "owners": [] }
              ],
              "lineage": [ { "from": "00000000-0000-0000-0000-000000000001", "to": "00000000-0000-0000-0000-000000000002" } ]
            }
            """);
        foreach (var git in new[] { "init -q", "add -A", "-c user.name=bench -c user.email=bench@example.com commit -qm base" })
        {
            var result = await RunAsync("git", git.Split(' '), project);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {git}: {result.Output}");
            }
        }

        await File.AppendAllTextAsync(Path.Combine(project, "models", "marts", Model + ".sql"), "where amount > 0\n");
    }

    private static async Task<double> BestOfAsync(int runs, Func<Task<(int ExitCode, string Output)>> run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>The child's user + sys time, from bash's <c>time</c> (best of 3).</summary>
    private static async Task<double> CpuSecondsAsync(string file, string[] arguments, string directory)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var (_, output) = await RunAsync("bash", ["-c", "TIMEFORMAT='cpu %U %S'; time \"$@\" > /dev/null 2>&1", "bash", file, .. arguments], directory);
            var line = output.Split('\n').Last(l => l.StartsWith("cpu ", StringComparison.Ordinal)).Split(' ');
            best = Math.Min(best, double.Parse(line[1], CultureInfo.InvariantCulture) + double.Parse(line[2], CultureInfo.InvariantCulture));
        }

        return best;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string directory)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        info.Environment.Remove("SECODA_API_TOKEN");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string PyString(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
