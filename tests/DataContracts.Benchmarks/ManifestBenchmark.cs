using System.Diagnostics;
using System.Text;

using DataContracts.Mapping.Dbt;

namespace DataContracts.Benchmarks;

/// <summary>Reads a generated ~100 MB manifest with the product's reader and with Python's json module, in the same run.</summary>
internal static class ManifestBenchmark
{
    public static async Task RunAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "dc-bench-manifest.json");
        Generate(path, targetBytes: 100L * 1024 * 1024);
        var size = new FileInfo(path).Length;
        Console.WriteLine($"manifest: {size / (1024.0 * 1024):0.0} MB generated");

        var best = double.MaxValue;
        long allocated = 0;
        var before = Process.GetCurrentProcess().WorkingSet64;
        for (var run = 0; run < 3; run++)
        {
            GC.Collect();
            var startAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var manifest = await ManifestReader.ReadAsync(path, "manifest.json", CancellationToken.None);
            clock.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - startAllocated;
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            GC.KeepAlive(manifest);
        }

        Console.WriteLine($"manifest: dotnet best of 3 {best * 1000:0} ms = {size / best / (1024 * 1024):0} MB/s, allocated {allocated / (double)size:0.00}x the file in one read (this process held {before / (double)size:0.00}x before, from generating it)");

        // Peak memory of reading alone: a fresh process that reads the file once and reports its own peak.
        var self = typeof(ManifestBenchmark).Assembly.Location;
        using (var child = Process.Start(new ProcessStartInfo("dotnet", [self, "read-manifest", path]) { RedirectStandardOutput = true })!)
        {
            var line = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var parts = line.Trim().Split(' ');
            var peak = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var idle = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"manifest: fresh process peak working set {peak / (double)size:0.00}x the file ({idle / (double)size:0.00}x of it is the runtime before reading)");
        }

        var python = Stopwatch.StartNew();
        using (var process = Process.Start(new ProcessStartInfo("python3", ["-c", $"import json; json.load(open({PyString(path)}))"]))!)
        {
            await process.WaitForExitAsync();
        }

        python.Stop();
        Console.WriteLine($"manifest: python3 json.load {python.ElapsedMilliseconds} ms = {size / python.Elapsed.TotalSeconds / (1024 * 1024):0} MB/s (includes interpreter start)");
        Console.WriteLine($"manifest: ratio python/dotnet time {python.Elapsed.TotalSeconds / best:0.00}");
        await ManifestCheckBenchmark.RunAsync(path);
        File.Delete(path);
    }

    /// <summary>The child side: read once, print the peak working set and the working set before reading.</summary>
    public static async Task ReadOnceAsync(string path)
    {
        var idle = Process.GetCurrentProcess().WorkingSet64;
        var manifest = await ManifestReader.ReadAsync(path, "manifest.json", CancellationToken.None);
        GC.KeepAlive(manifest);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"{process.PeakWorkingSet64} {idle}");
    }

    private static string PyString(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A manifest v12-shaped file: models with SQL bodies and columns (the bulk), child_map and parent_map.</summary>
    private static void Generate(string path, long targetBytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("""{"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v12.json","dbt_version":"1.8.0","project_name":"bench"},"nodes":{""");
        var sql = string.Concat(Enumerable.Repeat("select o.id, o.amount, c.name from {{ ref('orders') }} o join {{ ref('customers') }} c on c.id = o.customer_id\\n", 20));
        var count = 0;
        long written = 0;
        var names = new List<string>();
        while (written < targetBytes)
        {
            var name = $"model.bench.m{count:D6}";
            names.Add(name);
            var columns = string.Join(',', Enumerable.Range(0, 12).Select(c => $"\"col{c}\":{{\"name\":\"col{c}\",\"description\":\"Column {c} of model {count}\",\"data_type\":\"varchar\",\"meta\":{{}},\"tags\":[]}}"));
            var node = $"{(count > 0 ? "," : "")}\"{name}\":{{\"resource_type\":\"model\",\"package_name\":\"bench\",\"name\":\"m{count:D6}\",\"unique_id\":\"{name}\",\"path\":\"marts/m{count:D6}.sql\",\"original_file_path\":\"models/marts/m{count:D6}.sql\",\"database\":\"ANALYTICS\",\"schema\":\"MARTS\",\"alias\":\"M{count:D6}\",\"relation_name\":\"ANALYTICS.MARTS.M{count:D6}\",\"config\":{{\"materialized\":\"table\",\"enabled\":true}},\"raw_code\":\"{sql}\",\"compiled_code\":\"{sql}\",\"columns\":{{{columns}}},\"depends_on\":{{\"nodes\":[{(count > 0 ? $"\"model.bench.m{count - 1:D6}\"" : "")}],\"macros\":[]}}}}";
            writer.Write(node);
            written += node.Length;
            count++;
        }

        writer.Write("},\"sources\":{},\"exposures\":{},\"macros\":{},\"child_map\":{");
        writer.Write(string.Join(',', names.Select((n, i) => $"\"{n}\":[{(i + 1 < names.Count ? $"\"{names[i + 1]}\"" : "")}]")));
        writer.Write("},\"parent_map\":{");
        writer.Write(string.Join(',', names.Select((n, i) => $"\"{n}\":[{(i > 0 ? $"\"{names[i - 1]}\"" : "")}]")));
        writer.Write("}}");
    }
}
