using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Tests.GitHub;

namespace DataContracts.Tests.Security;

/// <summary>
/// Issue 20, item 2: in the fork-safe pair's <c>workflow_run</c> half the changed-files list is the fork's
/// artifact. It must equal GitHub's own list for the run's head, or the run refuses and the status it writes is
/// never <c>success</c>. The attack runs through the built CLI against the fake GitHub.
/// </summary>
public sealed class ForkArtifactTests : IDisposable
{
    private const string RunHead = "1111111111111111111111111111111111111111";

    private readonly WorkflowRunTests job = new();

    [Fact]
    public async Task AForkThatUploadsAHarmlessListForAContractedModelGetsNoSuccessStatus()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0); // the pull request really changes models/orders.sql
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;

        var (environment, args) = job.JobFor(server, "M\tREADME.md\n", FakeGitHub.PullRequest);
        var run = await BuiltCli.RunAsync(job.ProjectFolder, environment, args);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(DiagnosticCodes.ChangedFilesNotThePullRequests.Code, run.All, StringComparison.Ordinal);
        Assert.Contains("missing from the list: M models/orders.sql", run.All, StringComparison.Ordinal);
        var status = Assert.Single(server.Statuses);
        Assert.Equal(RunHead, status.Sha);
        Assert.Equal("error", status.State);
        Assert.Equal("error", ActionsFiles.ParseOutputs(File.ReadAllText(job.Combine("github_output")))["result"]);
    }

    [Fact]
    public async Task TheHonestListGetsTheNormalVerdict()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;

        var run = await RunAsync(server, "M\tmodels/orders.sql\n");

        Assert.True(run.ExitCode == ExitCodes.ContractViolation, run.All);
        Assert.Equal("failure", Assert.Single(server.Statuses).State);
        Assert.Contains(DiagnosticCodes.ChangesFromPullRequest.Code, File.ReadAllText(job.Combine("report.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A\tmodels/orders.sql\n", "not changed so by the pull request: A models/orders.sql")] // another status
    [InlineData("M\tmodels/orders.sql\nM\tREADME.md\n", "not changed so by the pull request: M README.md")] // an extra file
    [InlineData("R100\tmodels/old_orders.sql\tmodels/orders.sql\n", "missing from the list: M models/orders.sql")] // a rename that is not one
    public async Task AnyOtherDifferenceIsRefusedToo(string artifact, string said)
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;

        var run = await RunAsync(server, artifact);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(said, run.All, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Statuses, s => s.State == "success");
    }

    [Fact]
    public async Task ARenameMatchesGitHubsDeleteAndAddAndTheRunUsesGitHubsList()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest, new FakeGitHubFile("docs/new.md", "added"), new FakeGitHubFile("docs/old.md", "removed")).HeadSha = RunHead;

        var run = await RunAsync(server, "R087\tdocs/old.md\tdocs/new.md\n");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("success", Assert.Single(server.Statuses).State);
    }

    [Fact]
    public async Task WithoutAListTheRunChecksGitHubsListNotTheCheckoutsDiff()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        var (environment, args) = job.JobFor(server, string.Empty, FakeGitHub.PullRequest);
        var withoutList = args.TakeWhile(a => a != "--changed-files").ToArray();

        var run = await CliRunner.RunAsync(job.ProjectFolder, environment, null, withoutList);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Equal("failure", Assert.Single(server.Statuses).State);
    }

    [Fact]
    public async Task APushBetweenTheReadsIsTheRefusalOfAnotherHead()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        var pr = server.PullRequest(FakeGitHub.PullRequest);
        pr.HeadSha = RunHead;
        server.OnRequest = r =>
        {
            if (r.Path.EndsWith("/files", StringComparison.Ordinal))
            {
                pr.HeadSha = "2222222222222222222222222222222222222222";
            }

            return null;
        };

        var run = await RunAsync(server, "M\tmodels/orders.sql\n");

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains(DiagnosticCodes.PullRequestHeadMismatch.Code, run.All, StringComparison.Ordinal);
        Assert.Empty(server.Statuses);
        Assert.DoesNotContain(server.Requests, r => r.Method != "GET");
    }

    [Theory]
    [InlineData(FakeGitHubPaging.SelfLink)]
    [InlineData(FakeGitHubPaging.Endless)]
    public async Task AFileListingThatNeverEndsStopsWithExitCode3AndBoundedRequests(FakeGitHubPaging paging)
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.PullRequest(FakeGitHub.PullRequest).HeadSha = RunHead;
        server.Paging = paging;
        server.BrokenPagingPath = "/files";

        var run = await RunAsync(server, "M\tmodels/orders.sql\n");

        Assert.Equal(ExitCodes.ServiceFailure, run.ExitCode);
        Assert.Contains(DiagnosticCodes.GitHubPaginationLoop.Code, run.All, StringComparison.Ordinal);
        Assert.InRange(server.Requests.Count(r => r.Path.EndsWith("/files", StringComparison.Ordinal)), 1, GitHubPages.MaxPages);
        Assert.DoesNotContain(server.Statuses, s => s.State == "success");
    }

    public void Dispose() => job.Dispose();

    private Task<CliRunner.Run> RunAsync(FakeGitHubServer server, string artifact)
    {
        var (environment, args) = job.JobFor(server, artifact, FakeGitHub.PullRequest);
        return CliRunner.RunAsync(job.ProjectFolder, environment, null, args);
    }
}
