using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.GitHub;

public class PullRequestGatewayTests
{
    [Fact]
    public async Task ListsEveryPageOfPullRequestFilesWithTheirStatus()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var files = Enumerable.Range(1, 247).Select(i => new FakeGitHubFile($"models/m{i:000}.sql")).ToList();
        files.Add(new FakeGitHubFile("models/new.sql", "added"));
        files.Add(new FakeGitHubFile("models/gone.sql", "removed"));
        files.Add(new FakeGitHubFile("models/renamed.sql", "renamed", "models/old_name.sql"));
        server.AddPullRequest(FakeGitHub.PullRequest, [.. files]);

        var listed = await FakeGitHub.Gateway(server).ListFilesAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken);

        Assert.Equal(250, listed.Length);
        Assert.Contains(new ChangedFile("models/m247.sql", ChangeStatus.Modified), listed);
        Assert.Contains(new ChangedFile("models/new.sql", ChangeStatus.Added), listed);
        Assert.Contains(new ChangedFile("models/gone.sql", ChangeStatus.Deleted), listed);
        Assert.Contains(new ChangedFile("models/renamed.sql", ChangeStatus.Renamed, "models/old_name.sql"), listed);
        var pages = server.Requests.Where(r => r.Path.EndsWith("/files", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, r => Assert.Contains("per_page=100", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListsCommentsBeyondTheFirstPage()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 245);

        var comments = await FakeGitHub.Gateway(server).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken);

        Assert.Equal(245, comments.Length);
        Assert.Equal("Review note 245: looks fine @bob", comments[^1].Body);
    }

    [Fact]
    public async Task WrongTokenIsA401DiagnosticWithoutTheToken()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest);
        const string token = "ghp_wrong_secret_value_123";

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server, token).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubUnauthorized.Code, e.Diagnostic.Code);
        Assert.Contains("401", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.Diagnostic.Message + e.Diagnostic.Hint + e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyTokenOnAForkIsA403DiagnosticThatNamesTheForkSafeSetup()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest);
        server.OnRequest = r => r.Method == "POST" ? FakeGitHubResponse.ReadOnlyToken() : null;

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).CreateCommentAsync(FakeGitHub.PullRequest, "hello", TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubForbidden.Code, e.Diagnostic.Code);
        Assert.Contains("403", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("fork", e.Diagnostic.Hint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pull-requests: write", e.Diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooLongBodyIsA422Diagnostic()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest);

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).CreateCommentAsync(FakeGitHub.PullRequest, new string('x', 70_000), TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubCommentRejected.Code, e.Diagnostic.Code);
        Assert.Contains("422", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(server.CommentsOn(FakeGitHub.PullRequest));
    }

    [Fact]
    public async Task LongSecondaryRateLimitIsReportedWithItsRetryAfter()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        server.AddPullRequest(FakeGitHub.PullRequest);
        server.FailNext(FakeGitHubResponse.SecondaryRateLimit(120));

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubRateLimited.Code, e.Diagnostic.Code);
        Assert.Contains("secondary rate limit", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("wait 120 seconds", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ShortSecondaryRateLimitIsWaitedOutOnce()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 3);
        server.FailNext(FakeGitHubResponse.SecondaryRateLimit(1));

        var comments = await FakeGitHub.Gateway(server).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken);

        Assert.Equal(3, comments.Length);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task UnknownPullRequestIsA404Diagnostic()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<ServiceException>(() => FakeGitHub.Gateway(server).ListFilesAsync(999, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubNotFound.Code, e.Diagnostic.Code);
    }

    [Fact]
    public async Task UnreachableGitHubIsAServiceDiagnostic()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var closed = new ClosedPort();
        var gateway = FakeGitHub.Gateway(server, closed.Url());

        var e = await Assert.ThrowsAsync<ServiceException>(() => gateway.ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.GitHubUnavailable.Code, e.Diagnostic.Code);
        Assert.Contains("GITHUB_API_URL", e.Diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHubEnterpriseApiPathIsKeptAsGiven()
    {
        await using var server = await FakeGitHubServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        FakeGitHub.SeedConversation(server, 2);
        var environment = FakeGitHub.Environment(server);
        environment["GITHUB_API_URL"] = server.BaseUrl.AbsoluteUri + "api/v3";
        var context = DataContracts.GitHub.GitHubContext.FromEnvironment(new DataContracts.Hosting.DictionaryEnvironment(environment), FakeGitHub.PullRequest);

        var comments = await new DataContracts.GitHub.HttpPullRequestGateway(context).ListCommentsAsync(FakeGitHub.PullRequest, TestContext.Current.CancellationToken);

        Assert.Equal(2, comments.Length);
        Assert.Equal("/api/v3/repos/octo/shop/issues/7/comments", server.Requests[0].Path);
    }
}
