using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// The fork-safe pair's second half: the CLI in a simulated <c>workflow_run</c> job (event payload,
/// <c>GITHUB_EVENT_NAME</c>), the pull request number from the "artifact" (<c>--pr</c>), the fake GitHub on
/// loopback. The pull request whose head is the run's head gets the status and one comment; any other gets
/// nothing at all. The first case runs the built CLI in its own process, reading the job from its real
/// environment; the others run the same command tree in process (each process start costs about 0.8 s of CPU).
/// </summary>
public sealed class WorkflowRunTests : IDisposable
{
    private const string RunHead = "1111111111111111111111111111111111111111";
    private const string Breaking = "M\tmodels/orders.sql\n";
    private const string Harmless = "M\tREADME.md\n";

    private readonly TempFolder folder = new();

    public WorkflowRunTests()
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);

        // A fork's run: GitHub leaves pull_requests empty, the number travels in the artifact.
        folder.Write("event.json", $$"""
            { "action": "completed",
              "workflow_run": { "id": 99, "name": "DataContracts (collect)", "event": "pull_request", "conclusion": "success",
                                "head_sha": "{{RunHead}}", "head_branch": "feature", "pull_requests": [] } }
            """);
    }

    private string Project => folder.Combine("project");

    [Fact]
    public async Task TheRunsPullRequestGetsAFailingStatusOnItsHeadAndOneComment()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;

        var (environment, args) = Job(server, Breaking, FakeGitHub.PullRequest);
        var run = await BuiltCli.RunAsync(Project, environment, args);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var status = Assert.Single(server.Statuses);
        Assert.Equal(RunHead, status.Sha);
        Assert.Equal("failure", status.State);
        Assert.Equal("datacontracts", status.Context);
        Assert.StartsWith("FAIL: ", status.Description, StringComparison.Ordinal);
        Assert.Equal($"https://github.com/{server.Repository}/actions/runs/4242", status.TargetUrl);
        var comment = Assert.Single(server.CommentsOn(FakeGitHub.PullRequest), c => CommentMarker.IsMarked(c.Body, CommentMarker.For("datacontracts.yml")));
        Assert.Contains("DataContracts: FAIL", comment.Body, StringComparison.Ordinal);
        Assert.Contains("checked at 1111111", comment.Body, StringComparison.Ordinal);
        Assert.Contains(DiagnosticCodes.CommitStatusWritten.Code, File.ReadAllText(folder.Combine("report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APullRequestWhoseHeadIsNotTheRunsHeadGetsNothingAndTheRunStopsWithExitCode3()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = "2222222222222222222222222222222222222222";

        var run = await RunAsync(server, Breaking, FakeGitHub.PullRequest);

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains(DiagnosticCodes.PullRequestHeadMismatch.Code, run.All, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Method is "POST" or "PATCH" or "DELETE" or "PUT");
        Assert.Empty(server.Statuses);
        Assert.Equal(2, server.CommentsOn(FakeGitHub.PullRequest).Count);
        Assert.Equal("error", ActionsFiles.ParseOutputs(File.ReadAllText(folder.Combine("github_output")))["result"]);
    }

    [Fact]
    public async Task AnArtifactNamingAnotherPullRequestCannotAimTheCommentAtIt()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        server.AddPullRequest(8).HeadSha = "3333333333333333333333333333333333333333";

        var run = await RunAsync(server, Breaking, 8, "--request-reviewers");

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Empty(server.CommentsOn(8));
        Assert.Empty(server.Statuses);
        Assert.DoesNotContain(server.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task APassingRunSetsASuccessStatusAndPostsNoComment()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        server.PullRequest(FakeGitHub.PullRequest).Files[0] = new FakeGitHubFile("README.md");

        var run = await RunAsync(server, Harmless, FakeGitHub.PullRequest);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("success", Assert.Single(server.Statuses).State);
        Assert.Empty(server.CommentsOn(FakeGitHub.PullRequest));
    }

    [Fact]
    public async Task AStatusThatCannotBeWrittenIsAWarningAndKeepsTheExitCode()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        server.OnRequest = r => r.Path.Contains("/statuses/", StringComparison.Ordinal) ? FakeGitHubResponse.ReadOnlyToken() : null;

        var run = await RunAsync(server, Breaking, FakeGitHub.PullRequest);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Contains(DiagnosticCodes.CommitStatusFailed.Code, run.Out, StringComparison.Ordinal);
        Assert.Contains("statuses: write", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TheForkSafeSampleGrantsTheStatusAndTheChecks()
    {
        var check = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "workflows", "datacontracts-check.yml"));

        Assert.Contains("statuses: write", check, StringComparison.Ordinal);
        Assert.Contains("pull-requests: write", check, StringComparison.Ordinal);
        Assert.Contains("run-id: ${{ github.event.workflow_run.id }}", check, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    internal (Dictionary<string, string?> Environment, string[] Args) JobFor(FakeGitHubServer server, string changedFiles, int pullRequest, params string[] extra) =>
        Job(server, changedFiles, pullRequest, extra);

    internal string ProjectFolder => Project;

    internal string Combine(string name) => folder.Combine(name);

    internal string Write(string name, string text) => folder.Write(name, text);

    private Task<CliRunner.Run> RunAsync(FakeGitHubServer server, string changedFiles, int pullRequest, params string[] extra)
    {
        var (environment, args) = Job(server, changedFiles, pullRequest, extra);
        return CliRunner.RunAsync(Project, environment, null, args);
    }

    /// <summary>
    /// The pull request's head as GitHub serves it (the checkout is the default branch): models/orders.sql no longer
    /// selects the order status, a column its consumers may read.
    /// </summary>
    private void ServeHead(FakeGitHubServer server, int pullRequest)
    {
        if (!server.PullRequests.TryGetValue(pullRequest, out var pr))
        {
            return;
        }

        var orders = File.ReadAllText(Path.Combine(Project, "models", "orders.sql"));
        Assert.Contains("        orders.status,\n", orders, StringComparison.Ordinal);
        pr.HeadFiles["models/orders.sql"] = orders.Replace("        orders.status,\n", string.Empty, StringComparison.Ordinal);
    }

    private (Dictionary<string, string?> Environment, string[] Args) Job(FakeGitHubServer server, string changedFiles, int pullRequest, params string[] extra)
    {
        var list = folder.Write("changed-files.txt", changedFiles);
        File.WriteAllText(folder.Combine("github_output"), string.Empty);
        ServeHead(server, pullRequest);
        var environment = FakeGitHub.Environment(server);
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_EVENT_NAME"] = "workflow_run";
        environment["GITHUB_EVENT_PATH"] = folder.Combine("event.json");
        environment["GITHUB_SHA"] = "ffffffffffffffffffffffffffffffffffffffff"; // the default branch, not the pull request
        environment["GITHUB_STEP_SUMMARY"] = folder.Combine("step_summary.md");
        environment["GITHUB_OUTPUT"] = folder.Combine("github_output");
        environment["GITHUB_RUN_ID"] = "4242";
        return (environment, ["check", "--comment", "--report", folder.Combine("report.json"), "--pr", pullRequest.ToString(System.Globalization.CultureInfo.InvariantCulture), "--changed-files", list, .. extra]);
    }
}
