using System.Diagnostics;

using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.Tool.Cli;

using static DataContracts.Tests.Catalog.SecodaTestGraph;

namespace DataContracts.Tests.Resilience;

/// <summary>The key stays with the configured host and out of every output; Ctrl+C leaves no half-written report.</summary>
public class SecretAndCancellationTests
{
    private const string Secret = "sk-live-7f3a9c1e5b2d4f60";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("text", "quiet")]
    [InlineData("text", "detailed")]
    [InlineData("github", "detailed")]
    [InlineData("json", "normal")]
    public async Task TheKeyNeverReachesASecondLoopbackHostNamedByANextLinkNorAnyOutput(string format, string verbosity)
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync(Secret);
        await using var foreign = await FakeSecodaServer.StartAsync(Secret, host: "127.0.0.2", cancellationToken: Ct);
        Seed(foreign);
        server.PageSize = 1;
        server.Faults = new FakeFaultPlan().RewriteNextLinks(u => new UriBuilder(u) { Host = "127.0.0.2", Port = foreign.BaseUrl.Port }.Uri);
        workspace.Combine("changed.txt");
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);
        var (exit, stdout, stderr) = await RunCliAsync(workspace, server, ["check", "--changed-files", "changed.txt", "--report", "out/report.json", "--format", format, "--verbosity", verbosity]);

        Assert.Equal(ExitCodes.ServiceFailure, exit);
        Assert.Empty(foreign.Requests);
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.True(r.Authorized));
        Assert.Contains("DC6008", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.2", stdout + stderr, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(workspace.Combine("out/report.json"), Ct);
        Assert.Contains("DC6008", report, StringComparison.Ordinal);
        foreach (var text in new[] { stdout, stderr, report })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheKeyIsNotInTheOutputOfASuccessfulRunNorInTheCache()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync(Secret);
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);

        var (exit, stdout, stderr) = await RunCliAsync(workspace, server,
            ["check", "--changed-files", "changed.txt", "--report", "report.json", "--verbosity", "detailed", "--cache-dir", ".cache"]);

        Assert.Equal(ExitCodes.ContractViolation, exit);
        Assert.Contains("Finance KPIs", stdout, StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(workspace.Root, "*", SearchOption.AllDirectories).ToArray();
        Assert.Contains(files, f => f.Contains(".cache", StringComparison.Ordinal));
        foreach (var text in files.Select(File.ReadAllText).Append(stdout).Append(stderr))
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PlainHttpIsRefusedForAHostThatIsNotLoopback()
    {
        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync(Secret);
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);

        var (exit, stdout, stderr) = await RunCliAsync(workspace, server, ["check", "--changed-files", "changed.txt"], url: "http://secoda.example.com/api/v1/");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("DC6010", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("https://", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CtrlCWhileSecodaIsSlowLeavesTheOldReportIntactAndNoTemporaryFile()
    {
        if (CtrlC.Unsupported is { } reason)
        {
            Assert.Skip(reason);
        }

        using var workspace = new ResilienceWorkspace();
        await using var server = await StartAsync(Secret);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Every answer is held until the test ends: the CLI is mid-walk, waiting on Secoda, when Ctrl+C comes.
        server.Hold = async (_, ct) =>
        {
            waiting.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);
        const string OldReport = """{"result":"pass","note":"from the previous run"}""";
        File.WriteAllText(workspace.Combine("report.json"), OldReport);

        var start = new ProcessStartInfo(CtrlC.DefaultSignalPrefix![0])
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in CtrlC.DefaultSignalPrefix.Skip(1)
                     .Concat(["dotnet", Path.Combine(AppContext.BaseDirectory, "datacontracts.dll"), "check", "--changed-files", "changed.txt", "--report", "report.json"]))
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Apply(start, new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = Secret, ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri });
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            // The guard only bounds a broken run; the signal is sent the moment Secoda has a request waiting.
            await Task.WhenAny(waiting.Task, process.WaitForExitAsync(Ct)).WaitAsync(TimeSpan.FromSeconds(60), Ct);
            Assert.True(waiting.Task.IsCompleted, "the CLI should be waiting on Secoda: " + (process.HasExited ? await stderr : "no request yet"));
            CtrlC.Send(process);
            await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
        Assert.Equal(OldReport, File.ReadAllText(workspace.Combine("report.json")));
        Assert.Equal(["report.json"], Directory.EnumerateFiles(workspace.Root, "*report*").Select(Path.GetFileName));
        Assert.Contains("cancelled", await stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, await stdout + await stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(
        ResilienceWorkspace workspace, FakeSecodaServer server, string[] args, string? url = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["SECODA_API_TOKEN"] = Secret,
            ["SECODA_API_URL"] = url ?? server.ApiUrl.AbsoluteUri,
            ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
            ["DATACONTRACTS_RETRY_MAX_MS"] = "50",
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext
        {
            Out = stdout,
            Error = stderr,
            WorkingDirectory = workspace.Root,
            Environment = new DataContracts.Hosting.DictionaryEnvironment(env),
            Today = new DateOnly(2026, 1, 15),
        };
        var exit = await DataContractsCli.InvokeAsync(args, context, Ct);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
