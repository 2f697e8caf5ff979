using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// Issue 20, item 6: every GitHub listing has a page cap, refuses a <c>next</c> link to a page already read, and
/// stops when the run's token is cancelled or its deadline passes; the fake serves the broken <c>Link</c> headers.
/// </summary>
public sealed class PaginationBoundsTests
{
    public static TheoryData<string, string> Listings => new()
    {
        { "/files", "files" },
        { "/comments", "comments" },
        { "/reviews", "reviews" },
        { "/events", "events" },
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task ASelfLinkIsALoopAfterOnePage(string path, string listing)
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 3);
        server.Paging = FakeGitHubPaging.SelfLink;
        server.BrokenPagingPath = path;

        var e = await Assert.ThrowsAsync<ServiceException>(() => List(FakeGitHub.Gateway(server), listing));

        Assert.Equal(DiagnosticCodes.GitHubPaginationLoop.Code, e.Diagnostic.Code);
        Assert.Contains("already read", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.Path.EndsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALinkBackToAnEarlierPageIsALoop()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 250);
        server.OnRequest = r => r.Query.Contains("page=3", StringComparison.Ordinal)
            ? new FakeGitHubResponse(200, "[]", new Dictionary<string, string> { ["Link"] = $"<{server.BaseUrl}repos/{server.Repository}/issues/{FakeGitHub.PullRequest}/comments?per_page=100&page=2>; rel=\"next\"" })
            : null;

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubPaginationLoop.Code, e.Diagnostic.Code);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task EndlessPagesStopAtTheCap()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.Paging = FakeGitHubPaging.Endless;
        var gateway = new HttpPullRequestGateway(FakeGitHub.Context(server)) { MaxPages = 7 };

        var e = await Assert.ThrowsAsync<ServiceException>(() => gateway.ListFilesAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubPaginationLoop.Code, e.Diagnostic.Code);
        Assert.Contains("past 7 pages", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(7, server.Requests.Count);
    }

    [Fact]
    public async Task CancellingTheRunStopsAListingBetweenPages()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        server.Paging = FakeGitHubPaging.Endless;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        server.OnRequest = _ =>
        {
            if (server.Requests.Count == 5)
            {
                cancel.Cancel();
            }

            return null;
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FakeGitHub.Gateway(server).ListFilesAsync(FakeGitHub.PullRequest, cancel.Token));

        Assert.InRange(server.Requests.Count, 5, 6);
    }

    [Fact]
    public async Task ACommentListingThatLoopsIsAWarningThroughTheCliAndTheVerdictStands()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);
        server.Paging = FakeGitHubPaging.SelfLink;
        server.BrokenPagingPath = "/comments";
        using var folder = new TempFolder();
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), folder.Combine("project"));
        var list = folder.Write("changed.txt", "models/orders.sql\n");

        var run = await CliRunner.RunAsync(folder.Combine("project"), FakeGitHub.Environment(server), null, "check", "--comment", "--pr", "7", "--changed-files", list, "--timeout", "30");

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.Contains(DiagnosticCodes.GitHubPaginationLoop.Code, run.All, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.Path.EndsWith("/comments", StringComparison.Ordinal));
        Assert.DoesNotContain(server.CommentsOn(FakeGitHub.PullRequest), c => c.User == server.WriterLogin);
    }

    [Fact]
    public async Task AServerThatDoesNotAnswerCannotHoldThePublishingPastItsBudget()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        using var release = new ManualResetEventSlim();
        server.OnRequest = _ =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return null;
        };

        try
        {
            var result = await GitHubReporter.PublishAsync(
                GitHubSamples.Failing(), FakeGitHub.Context(server), new GitHubPublishOptions { Comment = true, Timeout = TimeSpan.FromMilliseconds(300) }, null, null, TestContext.Current.CancellationToken);

            Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.GitHubDeadlineExceeded.Code);
            Assert.Equal(DataContracts.Application.CheckOutcome.Fail, result.Outcome);
        }
        finally
        {
            release.Set();
        }
    }

    private static async Task List(HttpPullRequestGateway gateway, string listing)
    {
        var token = TestContext.Current.CancellationToken;
        switch (listing)
        {
            case "files":
                await gateway.ListFilesAsync(FakeGitHub.PullRequest, token);
                break;
            case "comments":
                await gateway.ListCommentsAsync(FakeGitHub.PullRequest, token);
                break;
            case "reviews":
                await gateway.ListReviewersWhoReviewedAsync(FakeGitHub.PullRequest, token);
                break;
            default:
                await gateway.ListTeamsEverRequestedAsync(FakeGitHub.PullRequest, token);
                break;
        }
    }
}
