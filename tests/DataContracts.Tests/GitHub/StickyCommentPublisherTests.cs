using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

public class StickyCommentPublisherTests
{
    private static readonly CommentOptions Options = new();

    [Fact]
    public async Task OneCommentIsCreatedThenEditedThenResolvedAmong45OtherComments()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 45);
        var publisher = new StickyCommentPublisher(FakeGitHub.Gateway(server));
        var ct = TestContext.Current.CancellationToken;

        var first = await publisher.PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, ct);
        var ours = Assert.Single(Ours(server));
        Assert.Equal(CommentAction.Created, first.Action);
        Assert.Equal(ours.Id, first.CommentId);
        Assert.Contains("FAIL", ours.Body, StringComparison.Ordinal);

        var second = await publisher.PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing() with { Stats = new CheckStats { ElapsedMs = 99 } }, Options, ct);
        var calm = Assert.Single(Ours(server));
        Assert.Equal(CommentAction.Unchanged, second.Action);
        Assert.Equal(ours.Id, calm.Id);
        Assert.Equal(ours.Body, calm.Body);

        var third = await publisher.PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Passing(), Options, ct);
        var resolved = Assert.Single(Ours(server));
        Assert.Equal(CommentAction.Resolved, third.Action);
        Assert.Equal(ours.Id, resolved.Id);
        Assert.Contains("resolved", resolved.Body, StringComparison.Ordinal);

        Assert.Equal(46, server.CommentsOn(FakeGitHub.PullRequest).Count);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(1, server.Requests.Count(r => r.Method == "PATCH"));
        // 46 comments at 100 a page: every search read one page, and asked for the largest page size.
        var searches = server.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/comments", StringComparison.Ordinal)).ToList();
        Assert.True(searches.Count >= 3, $"{searches.Count} comment searches for three publishes");
        Assert.All(searches, r => Assert.Contains("per_page=100", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OurCommentIsFoundOnTheLastPage()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 230);
        var existing = server.AddComment(FakeGitHub.PullRequest, server.BotLogin, CommentMarker.For("datacontracts.yml") + "\nold report");

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.Updated, outcome.Action);
        Assert.Equal(existing.Id, outcome.CommentId);
        Assert.Equal(3, server.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/comments", StringComparison.Ordinal)));
        Assert.Equal(231, server.CommentsOn(FakeGitHub.PullRequest).Count);
        Assert.Contains("FAIL", server.CommentsOn(FakeGitHub.PullRequest)[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassingRunWithoutAnEarlierCommentStaysQuiet()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Passing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.None, outcome.Action);
        Assert.Empty(Ours(server));
        Assert.Contains(server.Requests, r => r.Method == "GET"); // it looked for an earlier comment, and only looked
        Assert.DoesNotContain(server.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task ACommentForAnotherContractFileOrAQuoteIsLeftAlone()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 1);
        var other = server.AddComment(FakeGitHub.PullRequest, server.BotLogin, CommentMarker.For("warehouse/datacontracts.yml") + "\nother report");
        var quote = server.AddComment(FakeGitHub.PullRequest, "alice", "> " + CommentMarker.For("datacontracts.yml") + "\n> quoted");

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.Created, outcome.Action);
        Assert.Equal("\nother report", server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == other.Id).Body[CommentMarker.For("warehouse/datacontracts.yml").Length..]);
        Assert.Equal(quote.Body, server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == quote.Id).Body);
    }

    [Fact]
    public async Task AFailedCommentBecomesAWarningAndKeepsTheVerdict()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 1);
        server.OnRequest = r => r.Method == "POST" ? FakeGitHubResponse.ReadOnlyToken() : null;
        var failing = GitHubSamples.Failing();

        var result = await GitHubReporter.CommentAsync(failing, FakeGitHub.Context(server), null, TestContext.Current.CancellationToken);

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Equal(failing.ExitCode, result.ExitCode);
        var warning = result.Diagnostics[^1];
        Assert.Equal(DiagnosticCodes.GitHubForbidden.Code, warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("verdict and the exit code are unchanged", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Token, warning.Message + warning.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassingResultStaysPassingWhenGitHubIsDown()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var closed = new ClosedPort();
        var context = FakeGitHub.Context(server) with { ApiUrl = closed.Url() };

        var result = await GitHubReporter.CommentAsync(GitHubSamples.Passing(), context, null, TestContext.Current.CancellationToken);

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(DiagnosticCodes.GitHubUnavailable.Code, result.Diagnostics[^1].Code);
        Assert.Equal(Severity.Warning, result.Diagnostics[^1].Severity);
    }

    [Fact]
    public async Task MissingTokenOrPullRequestIsAWarningNotAFailure()
    {
        var noToken = await GitHubReporter.CommentAsync(GitHubSamples.Failing(), new GitHubContext { Owner = "octo", Repository = "shop", PullRequestNumber = 7 }, null, TestContext.Current.CancellationToken);
        var noPullRequest = await GitHubReporter.CommentAsync(GitHubSamples.Passing(), new GitHubContext { Token = "t", Owner = "octo", Repository = "shop" }, null, TestContext.Current.CancellationToken);

        Assert.Equal(DiagnosticCodes.CommentWithoutToken.Code, noToken.Diagnostics[^1].Code);
        Assert.Equal(CheckOutcome.Fail, noToken.Outcome);
        Assert.Equal(DiagnosticCodes.CommentWithoutPullRequest.Code, noPullRequest.Diagnostics[^1].Code);
        Assert.Equal(ExitCodes.Success, noPullRequest.ExitCode);
    }

    private static List<FakeGitHubComment> Ours(FakeGitHubServer server) =>
        [.. server.CommentsOn(FakeGitHub.PullRequest).Where(c => CommentMarker.IsMarked(c.Body, CommentMarker.For("datacontracts.yml")))];
}
