using System.Collections.Concurrent;
using System.Collections.Immutable;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// The one retry pipeline of the GitHub calls, against the fake GitHub over real HTTP. The waits are read from
/// a clock that records what was asked for and then fires at once, so nothing here depends on wall time.
/// </summary>
public class GitHubRetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServerErrorThenSuccess_CreatesOneComment()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        server.AddPullRequest(FakeGitHub.PullRequest);
        server.FailNext(FakeGitHubResponse.ServerError());
        var clock = new RecordingClock();

        var comment = await Gateway(server, clock).CreateCommentAsync(FakeGitHub.PullRequest, "impact report", Token);

        var stored = Assert.Single(server.CommentsOn(FakeGitHub.PullRequest));
        Assert.Equal((stored.Id, "impact report"), (comment.Id, stored.Body));
        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(clock.Waits);
    }

    [Fact]
    public async Task ServerErrorThenSuccess_IsRetriedForEveryKindOfCall()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        FakeGitHub.SeedConversation(server, 2);
        server.Collaborators.Add("alice");
        var own = server.AddComment(FakeGitHub.PullRequest, server.WriterLogin, "old report");
        var head = server.PullRequest(FakeGitHub.PullRequest).HeadSha;
        var gateway = Gateway(server, new RecordingClock());
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("files", () => gateway.ListFilesAsync(FakeGitHub.PullRequest, Token)),
            ("comments", () => gateway.ListCommentsAsync(FakeGitHub.PullRequest, Token)),
            ("edit", () => gateway.UpdateCommentAsync(own.Id, "edited", Token)),
            ("pull request", () => gateway.GetPullRequestAsync(FakeGitHub.PullRequest, Token)),
            ("reviewers", () => gateway.GetRequestedReviewersAsync(FakeGitHub.PullRequest, Token)),
            ("reviews", () => gateway.ListReviewersWhoReviewedAsync(FakeGitHub.PullRequest, Token)),
            ("request", () => gateway.RequestReviewersAsync(FakeGitHub.PullRequest, new ReviewerSet(["alice"], []), Token)),
            ("status", () => gateway.SetCommitStatusAsync(head, new CommitStatus(CommitStatusState.Success, "no impact", null), Token)),
        };

        foreach (var (name, call) in calls)
        {
            var before = server.Requests.Count;
            server.FailNext(FakeGitHubResponse.ServerError());

            await call();

            Assert.True(server.Requests.Count - before == 2, $"{name}: {server.Requests.Count - before} requests");
        }

        Assert.Equal("edited", server.CommentsOn(FakeGitHub.PullRequest).Single(c => c.Id == own.Id).Body);
        Assert.Contains("alice", server.PullRequest(FakeGitHub.PullRequest).RequestedUsers);
        Assert.Single(server.Statuses);
    }

    [Fact]
    public async Task SecondaryRateLimitWithRetryAfter_WaitsWhatGitHubAsksAndRetries()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        server.AddPullRequest(FakeGitHub.PullRequest);
        server.FailNext(FakeGitHubResponse.SecondaryRateLimit(7));
        var clock = new RecordingClock();

        await Gateway(server, clock).SetCommitStatusAsync(server.PullRequest(FakeGitHub.PullRequest).HeadSha, new CommitStatus(CommitStatusState.Failure, "blocking impact", null), Token);

        Assert.Single(server.Statuses);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Waits);
    }

    [Fact]
    public async Task SecondaryRateLimitWithoutRetryAfter_WaitsForTheReset()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        FakeGitHub.SeedConversation(server, 3);
        server.FailNext(FakeGitHubResponse.SecondaryRateLimitUntilReset(DateTimeOffset.UtcNow.AddSeconds(6)));
        var clock = new RecordingClock();

        var comments = await Gateway(server, clock).ListCommentsAsync(FakeGitHub.PullRequest, Token);

        Assert.Equal(3, comments.Length);
        var wait = Assert.Single(clock.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task NotFound_IsNotRetried()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        var clock = new RecordingClock();

        var e = await Assert.ThrowsAsync<ServiceException>(() => Gateway(server, clock).GetRequestedReviewersAsync(999, Token));

        Assert.Equal(DiagnosticCodes.GitHubNotFound.Code, e.Diagnostic.Code);
        Assert.Single(server.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task ServerErrorThatPersists_GivesUpAfterTheCapAndSaysHowOftenItTried()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        server.AddPullRequest(FakeGitHub.PullRequest);
        server.OnRequest = _ => FakeGitHubResponse.ServerError();
        var clock = new RecordingClock();

        var e = await Assert.ThrowsAsync<ServiceException>(() => Gateway(server, clock).ListFilesAsync(FakeGitHub.PullRequest, Token));

        Assert.Equal(DiagnosticCodes.GitHubUnavailable.Code, e.Diagnostic.Code);
        Assert.Contains("502", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(4 attempts)", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, clock.Waits.Length);
        Assert.All(clock.Waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RateLimitOnTheTokensUser_IsAnErrorNotAnInstallationToken()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Token);
        server.OnRequest = r => r.Path == "/user" ? FakeGitHubResponse.SecondaryRateLimit(600) : null;

        var e = await Assert.ThrowsAsync<ServiceException>(() => Gateway(server, new RecordingClock()).GetTokenLoginAsync(Token));

        Assert.Contains("rate limit", e.Diagnostic.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpPullRequestGateway Gateway(FakeGitHubServer server, RecordingClock clock) =>
        new(FakeGitHub.Context(server), retry: new GitHubRetryOptions { TimeProvider = clock });

    /// <summary>Records every wait the pipeline starts and lets it end at once.</summary>
    private sealed class RecordingClock : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> waits = new();

        public ImmutableArray<TimeSpan> Waits => [.. waits];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                waits.Enqueue(dueTime);
                dueTime = TimeSpan.Zero;
            }

            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
