using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// Which comment is ours, and staying calm: a comment with a copied marker by someone else is never edited,
/// a personal token's own login is asked of <c>GET /user</c>, two racing runs end with one comment, and a
/// <c>Link</c> header pointing to another host is refused before the token goes there.
/// </summary>
public class CommentOwnershipTests
{
    private static readonly CommentOptions Options = new();
    private static readonly string Marker = CommentMarker.For("datacontracts.yml");

    [Fact]
    public async Task APlantedCommentWithACopiedMarkerIsIgnored()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 3);
        var planted = server.AddComment(FakeGitHub.PullRequest, "mallory", Marker + "\n✅ all good, merge away");

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.Created, outcome.Action);
        Assert.Equal(planted.Body, server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == planted.Id).Body);
        Assert.Equal(server.BotLogin, server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == outcome.CommentId).User);
        Assert.DoesNotContain(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task APersonalTokensCommentsAreFoundByItsOwnLoginNotByTheActionsBot()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.TokenLogin = "dc-bot";
        FakeGitHub.SeedConversation(server, 1);
        var botLookalike = server.AddComment(FakeGitHub.PullRequest, "github-actions[bot]", Marker + "\nold, from another workflow");
        var own = server.AddComment(FakeGitHub.PullRequest, "dc-bot", Marker + "\nold report");

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.Updated, outcome.Action);
        Assert.Equal(own.Id, outcome.CommentId);
        Assert.Equal(botLookalike.Body, server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == botLookalike.Id).Body);
        Assert.Contains(server.Requests, r => r.Method == "GET" && r.Path == "/user");
    }

    [Fact]
    public async Task TwoRacingRunsEndWithOneCommentTheLaterDeletesItsOwn()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);
        FakeGitHubComment? rival = null;

        // The other run creates its comment between our listing and our create.
        server.OnRequest = r =>
        {
            if (r.Method == "POST" && rival is null)
            {
                rival = server.AddComment(FakeGitHub.PullRequest, server.BotLogin, Marker + "\nthe other run's report");
            }

            return null;
        };

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        var ours = Assert.Single(server.CommentsOn(FakeGitHub.PullRequest), c => CommentMarker.IsMarked(c.Body, Marker));
        Assert.Equal(rival!.Id, ours.Id);
        Assert.True(outcome.RemovedDuplicate);
        Assert.Equal(CommentAction.Updated, outcome.Action);
        Assert.Contains("DataContracts: FAIL", ours.Body, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task TheOlderOfTwoRacingRunsKeepsItsComment()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 0);
        var added = false;

        // The other run creates its comment right after ours: it is the newer one and deletes it itself.
        server.OnRequest = r =>
        {
            if (r.Method == "GET" && r.Path.EndsWith("/comments", StringComparison.Ordinal) && server.CommentsOn(FakeGitHub.PullRequest).Count == 1 && !added)
            {
                added = true;
                server.AddComment(FakeGitHub.PullRequest, server.BotLogin, Marker + "\nthe other run's report");
            }

            return null;
        };

        var outcome = await new StickyCommentPublisher(FakeGitHub.Gateway(server)).PublishAsync(FakeGitHub.PullRequest, GitHubSamples.Failing(), Options, TestContext.Current.CancellationToken);

        Assert.Equal(CommentAction.Created, outcome.Action);
        Assert.False(outcome.RemovedDuplicate);
        Assert.Contains(server.CommentsOn(FakeGitHub.PullRequest), c => c.Id == outcome.CommentId);
        Assert.DoesNotContain(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task ALinkToAnotherHostIsRefusedAndTheTokenNeverGoesThere()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var elsewhere = await FakeGitHubServer.StartAsync(token: server.Token, cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 1);
        elsewhere.AddPullRequest(FakeGitHub.PullRequest);
        var next = new Uri(new Uri($"http://localhost:{elsewhere.BaseUrl.Port}/"), $"repos/{server.Repository}/issues/{FakeGitHub.PullRequest}/comments?page=2");
        server.OnRequest = r => r.Method == "GET" && r.Path.EndsWith("/comments", StringComparison.Ordinal)
            ? new FakeGitHubResponse(200, "[]", new Dictionary<string, string> { ["Link"] = $"<{next.AbsoluteUri}>; rel=\"next\", <{next.AbsoluteUri}>; rel=\"last\"" })
            : null;

        var result = await GitHubReporter.CommentAsync(GitHubSamples.Failing(), FakeGitHub.Context(server), null, TestContext.Current.CancellationToken);

        Assert.Empty(elsewhere.Requests);
        var refused = Assert.Single(result.Diagnostics, d => d.Code == DiagnosticCodes.GitHubForeignHost.Code);
        Assert.Equal(Severity.Warning, refused.Severity);
        Assert.Contains($"localhost:{elsewhere.BaseUrl.Port}", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("page=2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Fail, result.Outcome);
    }
}
