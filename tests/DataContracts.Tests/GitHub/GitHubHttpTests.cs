using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// What the typed HttpClient gateway does by itself since Octokit went (issue 24, item 6): redirects only on the
/// API host, a body that is not JSON as a GitHub diagnostic, the hourly rate limit told apart from the secondary
/// one by GitHub's message, and the run's cancellation reaching a request in flight.
/// </summary>
public sealed class GitHubHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARedirectOnTheApiHostIsFollowedWithTheToken()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 3);
        server.OnRequest = r => r.Path.EndsWith("/comments", StringComparison.Ordinal) && !r.Query.Contains("moved", StringComparison.Ordinal)
            ? new FakeGitHubResponse(301, """{"message":"Moved Permanently"}""", new Dictionary<string, string> { ["Location"] = $"{server.BaseUrl}repos/{server.Repository}/issues/{FakeGitHub.PullRequest}/comments?per_page=100&moved=1" })
            : null;

        var comments = await FakeGitHub.Gateway(server).ListCommentsAsync(FakeGitHub.PullRequest, Ct);

        Assert.Equal(3, comments.Length);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.True(r.Authorized));
    }

    [Fact]
    public async Task ARedirectToAnotherHostIsRefusedBeforeTheTokenIsSent()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        await using var elsewhere = await FakeGitHubServer.StartAsync(token: server.Token, cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 1);
        server.OnRequest = _ => new FakeGitHubResponse(302, "{}", new Dictionary<string, string> { ["Location"] = $"http://localhost:{elsewhere.BaseUrl.Port}/repos/{server.Repository}/pulls/7" });

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).GetPullRequestAsync(FakeGitHub.PullRequest, Ct));

        Assert.Equal(DiagnosticCodes.GitHubForeignHost.Code, e.Diagnostic.Code);
        Assert.Empty(elsewhere.Requests);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AnHtmlPageInsteadOfJsonIsAGitHubDiagnostic()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 1);
        server.OnRequest = _ => new FakeGitHubResponse(200, "<html><body>Sign in to your proxy</body></html>");

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).GetPullRequestAsync(FakeGitHub.PullRequest, Ct));

        Assert.Equal(DiagnosticCodes.GitHubUnavailable.Code, e.Diagnostic.Code);
        Assert.Contains("not the JSON", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task TheHourlyRateLimitSaysWhenItResetsAndIsNotWaitedFor()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 1);
        var reset = DateTimeOffset.UtcNow.AddHours(2);
        server.OnRequest = _ => new FakeGitHubResponse(
            403,
            """{"message":"API rate limit exceeded for installation ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}""",
            new Dictionary<string, string> { ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).ListFilesAsync(FakeGitHub.PullRequest, Ct));

        Assert.Equal(DiagnosticCodes.GitHubRateLimited.Code, e.Diagnostic.Code);
        Assert.Contains($"resets at {reset.UtcDateTime:yyyy-MM-dd HH:mm} UTC", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CancellingTheRunStopsARequestTheServerHolds()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        FakeGitHub.SeedConversation(server, 1);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var release = new ManualResetEventSlim();
        server.OnRequest = _ =>
        {
            // Cancelled while the request is in flight; the answer comes only after the caller gave up (or after 30 s).
            cancel.Cancel();
            release.Wait(TimeSpan.FromSeconds(30));
            return null;
        };

        try
        {
            // Without the token on the request the call would wait for the answer and succeed.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FakeGitHub.Gateway(server).CreateCommentAsync(FakeGitHub.PullRequest, "report", cancel.Token));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task AFileAtTheHeadIsReadRawWithItsPathEscapedAndAMissingOneIsNull()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        var pr = server.AddPullRequest(FakeGitHub.PullRequest);
        pr.HeadFiles["models/my model é#1.sql"] = "\uFEFFselect 1 as é";
        var gateway = FakeGitHub.Gateway(server);

        var text = await gateway.GetFileTextAsync("models/my model é#1.sql", pr.HeadSha, Ct);
        var missing = await gateway.GetFileTextAsync("models/none.sql", pr.HeadSha, Ct);

        Assert.Equal("select 1 as é", text);
        Assert.Null(missing);
        Assert.All(server.Requests, r => Assert.Contains($"ref={pr.HeadSha}", r.Query, StringComparison.Ordinal));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task AFileOverTheBoundIsRefused()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        var pr = server.AddPullRequest(FakeGitHub.PullRequest);
        pr.HeadFiles["models/huge.sql"] = new string('x', DataContracts.IO.BoundedFile.MaxTextBytes + 1);

        var e = await Assert.ThrowsAsync<InputException>(() => FakeGitHub.Gateway(server).GetFileTextAsync("models/huge.sql", pr.HeadSha, Ct));

        var diagnostic = Assert.Single(e.Diagnostics);
        Assert.Equal(DiagnosticCodes.FileTooLarge.Code, diagnostic.Code);
        Assert.Contains("models/huge.sql (GitHub)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}
