using System.Net.Sockets;

using DataContracts.Tests.MSBuild;

namespace DataContracts.Tests.Resilience;

/// <summary>
/// Answers that used to crash the process or hang it (issue 9, item 4), run out of process against a raw-socket
/// fake, since the effect to rule out is on the process: out of memory, DC9001, waiting for the global deadline.
/// </summary>
public class HostileAnswerTests
{
    private static async Task<ChildProcess.Result> CheckAsync(HostileSecodaServer server, params (string Name, string Value)[] extra)
    {
        using var workspace = new ResilienceWorkspace();
        var environment = new Dictionary<string, string>
        {
            ["SECODA_API_TOKEN"] = "hostile-test-key",
            ["SECODA_API_URL"] = server.ApiUrl.AbsoluteUri,
            ["DATACONTRACTS_RETRY_BASE_MS"] = "5",
            ["DATACONTRACTS_RETRY_MAX_MS"] = "20",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        File.WriteAllText(workspace.Combine("changed.txt"), ResilienceWorkspace.ChangedFiles);
        return await ChildProcess.RunAsync(
            "dotnet", [MSBuildSample.ToolPath, "check", "--changed-files", "changed.txt", "--format", "text", "--timeout", "120"], workspace.Root, environment, timeoutSeconds: 180);
    }

    [Fact]
    public async Task AHugeTotalPagesIsRefusedBeforeAnythingIsSizedByIt()
    {
        await using var server = new HostileSecodaServer((stream, _, ct) => HostileSecodaServer.WriteJsonAsync(
            stream,
            """{"total_pages": 2147483647, "links": {"next": "/api/v1/resource/catalog/?page=2"}, "results": []}""",
            ct));

        var run = await CheckAsync(server);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("2147483647 pages", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionResetMidBodyIsRetriedAndReportedAsAServiceFailure()
    {
        await using var server = new HostileSecodaServer(async (stream, _, ct) =>
        {
            await HostileSecodaServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000", """{"results": [{"id": "x""", ct);
            // Linger 0: the close sends a TCP reset, not an orderly end of stream.
            stream.Socket.LingerState = new LingerOption(true, 0);
            stream.Socket.Close();
        });

        var run = await CheckAsync(server, ("DATACONTRACTS_MAX_RETRIES", "2"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("DC6", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.Output, StringComparison.Ordinal);
        // One first attempt and two retries for each lookup that was started: the reset was retried.
        Assert.True(server.Requests >= 3, $"{server.Requests} request(s)");
        Assert.DoesNotContain("hostile-test-key", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatStallsAfterTheHeadersIsCutByThePerAttemptTimeoutAndRetried()
    {
        await using var server = new HostileSecodaServer(async (stream, _, ct) =>
        {
            await HostileSecodaServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000", """{"results": [""", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

        // The run's own deadline is 120 s; finishing at all shows each stalled attempt was cut at 300 ms.
        var run = await CheckAsync(server, ("DATACONTRACTS_MAX_RETRIES", "1"), ("DATACONTRACTS_REQUEST_TIMEOUT_MS", "300"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("did not answer within 0.3 s", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.Output, StringComparison.Ordinal);
        Assert.True(server.Requests >= 2, $"{server.Requests} request(s)");
    }
}
