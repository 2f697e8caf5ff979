using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using DataContracts.Impact;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;
using DataContracts.Secoda;

namespace DataContracts.Benchmarks;

/// <summary>
/// The walk against a fake the project did not write (independent/secoda_fake.py, with its workspace generator
/// and its own round-trip bound): the built CLI runs <c>check</c> out of process, as a user would, once with the
/// given latency and once with none (the CPU part). The ratio is wall time ÷ (bound rounds × latency).
/// </summary>
internal static partial class IndependentBenchmark
{
    private const string Token = "bench-token";

    public static async Task RunAsync(TimeSpan latency, string? toolPath, bool inProcessOnly)
    {
        var root = StartupBenchmark.FindRoot();
        var scripts = Path.Combine(root, "tests", "DataContracts.Benchmarks", "independent");
        var tool = toolPath ?? StartupBenchmark.FindTool(root);
        if (tool is null && !inProcessOnly)
        {
            Console.WriteLine("independent: build src/DataContracts.Tool first (dotnet build -c Release)");
            return;
        }

        var work = Directory.CreateTempSubdirectory("dc-bench-");
        try
        {
            await RunToEndAsync("python3", [Path.Combine(scripts, "gen_workspace.py"), "--out", work.FullName], work.FullName, null);
            using var bound = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work.FullName, "bound.json")));
            var rounds = bound.RootElement.GetProperty("rounds").GetInt32();
            var resources = bound.RootElement.GetProperty("resources").GetInt32();
            var edges = bound.RootElement.GetProperty("edges").GetInt32();
            Console.WriteLine($"independent: {resources} resources, {edges} edges, bound {rounds} rounds, tool {tool}");

            // The CLI's own CPU (user + system, from /usr/bin/time) less that of --version, per request: the
            // client's cost per page, free of the Python server's, which runs in its own process.
            var startCpu = inProcessOnly ? 0 : await CpuSecondsAsync(Path.Combine(work.FullName, "cpu-version"), [tool!, "--version"], work.FullName, null);
            foreach (var ms in inProcessOnly ? [] : new[] { latency.TotalMilliseconds, 0 })
            {
                var (wall, cpu, requests, duplicates, exit) = await WalkOnceAsync(scripts, tool!, work.FullName, (int)ms);
                var ratio = ms > 0 ? (wall / (rounds * ms)).ToString("0.00", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine(
                    $"independent: latency {ms} ms, wall {wall:0} ms, requests {requests}, duplicate requests {duplicates}, exit {exit}, " +
                    $"bound {rounds * ms:0} ms, ratio {ratio}, client CPU per request {(cpu - startCpu) * 1000 / Math.Max(1, requests):0.00} ms");
                if (ms > 0)
                {
                    var (ideal, fakeCpu) = await IdealClientAsync(scripts, work.FullName, (int)ms);
                    Console.WriteLine(
                        $"independent: latency {ms} ms, the same {requests} requests known in advance, 16 at a time (the fastest this fake serves them): " +
                        $"wall {ideal:0} ms = {ideal / (rounds * ms):0.00} x bound; the walk took {wall / ideal:0.00} x that; fake CPU {fakeCpu:0} ms");
                }
            }

            await ClientCpuPerPageAsync(scripts, work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The client's CPU per page with the JIT warm: the real SecodaCatalog and ImpactWalker in this process walk
    /// the same workspace twice against the fake at 0 ms (a fresh catalog each time, so nothing is cached); the
    /// second walk's process CPU time ÷ its requests. The server is another process, so none of its work counts.
    /// </summary>
    private static async Task ClientCpuPerPageAsync(string scripts, string work)
    {
        var starts = SecodaIds().Matches(await File.ReadAllTextAsync(Path.Combine(work, "datacontracts.yml")))
            .Select(m => new WalkStart(m.Groups[1].Value, null)).ToArray();
        var (fake, port) = await StartFakeAsync(scripts, work, 0, "cpu");
        try
        {
            for (var run = 1; run <= 3; run++)
            {
                using var catalog = new SecodaCatalog(new SecodaOptions
                {
                    BaseUrl = $"http://127.0.0.1:{port}/api/v1/",
                    Token = Token,
                    RequestBudget = 1_000_000,
                    MaxPages = 100_000,
                });
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(0);
                var clock = Stopwatch.StartNew();
                var walk = await new ImpactWalker(catalog, DbtGraph.Empty, null).WalkAsync(starts, 10, CancellationToken.None);
                clock.Stop();
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                var gcs = GC.CollectionCount(0) - collections;
                if (run >= 2)
                {
                    var reached = walk.Downstream.Values.SelectMany(v => v).Select(n => n.Key).Distinct(StringComparer.Ordinal).Count();
                    Console.WriteLine(
                        $"independent: in-process warm walk at 0 ms, reached {reached}, wall {clock.ElapsedMilliseconds} ms, requests {catalog.RequestCount}, " +
                        $"client CPU per page {cpu / Math.Max(1, catalog.RequestCount):0.00} ms, allocated per page {bytes / 1024.0 / Math.Max(1, catalog.RequestCount):0} KB, gen0 GCs {gcs}");
                }
            }

            await BareHttpAsync(port, Path.Combine(work, "requests-cpu.jsonl"));
        }
        finally
        {
            await StopAsync(fake);
        }
    }

    /// <summary>
    /// The floor under the client's CPU per page on this machine: the same pages the walk read, fetched with a bare
    /// HttpClient (16 at a time) and parsed into a JsonDocument, nothing else; then the same without the parse.
    /// </summary>
    private static async Task BareHttpAsync(string port, string log)
    {
        var urls = (await LoggedPathsAsync(log)).Select(path => $"http://127.0.0.1:{port}{path}").ToArray();

        // Pass 1 warms up; pass 2 is the floor; pass 3 reads the same bodies without parsing them: the HTTP part alone.
        for (var pass = 1; pass <= 3; pass++)
        {
            using var http = BareClient();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            await FetchAllAsync(http, urls, parse: pass != 3);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
            if (pass >= 2)
            {
                var what = pass == 2 ? "GET + JsonDocument" : "GET alone (body read, not parsed)";
                Console.WriteLine($"independent: bare HttpClient {what} of the same {urls.Length} pages, 16 at a time: CPU per page {cpu / urls.Length:0.00} ms");
            }
        }
    }

    /// <summary>
    /// What the fake itself allows: every URL the walk sent, all known up front (no page waits for another),
    /// fetched 16 at a time by a bare HttpClient from a fresh fake at the same latency. Also the fake's own CPU
    /// time over that run, from /proc: a single-threaded Python server is slow enough to be the bound.
    /// </summary>
    private static async Task<(double Wall, double FakeCpu)> IdealClientAsync(string scripts, string work, int latencyMs)
    {
        var paths = await LoggedPathsAsync(Path.Combine(work, $"requests-{latencyMs}.jsonl"));
        var (fake, port) = await StartFakeAsync(scripts, work, latencyMs, "ideal");
        try
        {
            using var http = BareClient();

            // The 16 connections are opened before the clock starts, 4 more per wave: 16 handshakes at once
            // overflow the fake's listen queue of 5, and the kernel retries a dropped one only after a second.
            for (var wave = 4; wave <= 16; wave += 4)
            {
                await Task.WhenAll(Enumerable.Range(0, wave).Select(async _ =>
                {
                    using var warm = await http.GetAsync($"http://127.0.0.1:{port}/api/v1/resource/all/00000000-0000-0000-0000-000000000000/");
                }));
            }

            var cpuBefore = await ProcessCpuMsAsync(fake.Id);
            var clock = Stopwatch.StartNew();
            await FetchAllAsync(http, paths.Select(path => $"http://127.0.0.1:{port}{path}"), parse: true);
            clock.Stop();
            return (clock.Elapsed.TotalMilliseconds, await ProcessCpuMsAsync(fake.Id) - cpuBefore);
        }
        finally
        {
            await StopAsync(fake);
        }
    }

    /// <summary>Every distinct path and query the fake logged, in the order first asked.</summary>
    private static async Task<string[]> LoggedPathsAsync(string log) =>
        (await File.ReadAllLinesAsync(log)).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => e.GetProperty("path").GetString() + "?" + e.GetProperty("query").GetString())
            .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A plain HttpClient with the fake's token and room for 16 connections: none of the tool's code.</summary>
    private static HttpClient BareClient()
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 });
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>GETs every URL, 16 at a time, reading each body and parsing it into a JsonDocument when asked.</summary>
    private static async Task FetchAllAsync(HttpClient http, IEnumerable<string> urls, bool parse)
    {
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(urls.Select(async url =>
        {
            await gate.WaitAsync();
            try
            {
                var body = await http.GetByteArrayAsync(url);
                if (parse)
                {
                    using var page = JsonDocument.Parse(body);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>User + system CPU of a process, in ms, from /proc/PID/stat (clock ticks of 10 ms).</summary>
    private static async Task<double> ProcessCpuMsAsync(int pid)
    {
        var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static async Task<(Process Fake, string Port)> StartFakeAsync(string scripts, string work, int latencyMs, string name)
    {
        var portFile = Path.Combine(work, $"port-{name}");
        var fake = Process.Start(new ProcessStartInfo("python3",
        [
            Path.Combine(scripts, "secoda_fake.py"), "--workspace", Path.Combine(work, "workspace.json"), "--port-file", portFile,
            "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture), "--token", Token, "--log", Path.Combine(work, $"requests-{name}.jsonl"),
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (fake.HasExited)
            {
                throw new InvalidOperationException("secoda_fake.py exited: " + await fake.StandardError.ReadToEndAsync());
            }

            await Task.Delay(50);
        }

        return (fake, (await File.ReadAllTextAsync(portFile)).Trim());
    }

    private static async Task StopAsync(Process fake)
    {
        fake.Kill(entireProcessTree: true);
        await fake.WaitForExitAsync();
        fake.Dispose();
    }

    private static async Task<(double Wall, double Cpu, int Requests, int Duplicates, int Exit)> WalkOnceAsync(string scripts, string tool, string work, int latencyMs)
    {
        var log = Path.Combine(work, $"requests-{latencyMs}.jsonl");
        var (fake, port) = await StartFakeAsync(scripts, work, latencyMs, latencyMs.ToString(CultureInfo.InvariantCulture));
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["SECODA_API_URL"] = $"http://127.0.0.1:{port}/api/v1/",
                ["SECODA_API_TOKEN"] = Token,
            };
            var cpuFile = Path.Combine(work, $"cpu-{latencyMs}");
            var clock = Stopwatch.StartNew();
            var (file, check) = StartupBenchmark.Command(tool, ["check", "--contracts", Path.Combine(work, "datacontracts.yml"), "--changed-files", Path.Combine(work, "changed.txt"), "--format", "json"]);
            var exit = await RunToEndAsync("/usr/bin/time", ["-f", "%U %S", "-o", cpuFile, file, .. check], work, environment);
            clock.Stop();
            var cpu = await ReadCpuAsync(cpuFile);

            var lines = await File.ReadAllLinesAsync(log);
            var keys = lines.Select(l => JsonDocument.Parse(l).RootElement).Select(e => e.GetProperty("path").GetString() + "?" + e.GetProperty("query").GetString()).ToList();
            return (clock.Elapsed.TotalMilliseconds, cpu, keys.Count, keys.Count - keys.Distinct(StringComparer.Ordinal).Count(), exit);
        }
        finally
        {
            await StopAsync(fake);
        }
    }

    private static async Task<double> CpuSecondsAsync(string cpuFile, string[] args, string directory, Dictionary<string, string>? environment)
    {
        var (file, arguments) = StartupBenchmark.Command(args[0], args[1..]);
        await RunToEndAsync("/usr/bin/time", ["-f", "%U %S", "-o", cpuFile, file, .. arguments], directory, environment);
        return await ReadCpuAsync(cpuFile);
    }

    // GNU time writes "Command exited with non-zero status 1" before the figures when the check fails (as it should here).
    private static async Task<double> ReadCpuAsync(string cpuFile) =>
        (await File.ReadAllLinesAsync(cpuFile)).Last(l => l.Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Sum(part => double.Parse(part, CultureInfo.InvariantCulture));

    private static async Task<int> RunToEndAsync(string file, string[] args, string directory, Dictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("SECODA_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode > 1)
        {
            Console.WriteLine($"independent: {Path.GetFileName(file)} exited {process.ExitCode}: {Tail(await errors)}{Tail(await output)}");
        }

        return process.ExitCode;
    }

    private static string Tail(string text) => text.Length > 600 ? text[^600..] : text;

    [GeneratedRegex(@"secoda_id:\s*(\S+)")]
    private static partial Regex SecodaIds();
}
