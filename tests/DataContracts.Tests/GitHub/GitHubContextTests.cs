using DataContracts.Diagnostics;
using DataContracts.GitHub;
using DataContracts.Hosting;

namespace DataContracts.Tests.GitHub;

public class GitHubContextTests
{
    [Theory]
    [InlineData("pull_request")]
    [InlineData("pull_request_target")]
    public void ReadsThePullRequestFromTheEventPayload(string eventName)
    {
        using var folder = new TempFolder();
        var payload = folder.Write("event.json", $$"""
            { "action": "synchronize", "number": 42,
              "pull_request": { "number": 42, "base": { "ref": "main" }, "head": { "sha": "abcdef0123456789abcdef0123456789abcdef01" } },
              "repository": { "full_name": "octo/shop" }, "event_name": "{{eventName}}" }
            """);

        var context = GitHubContext.FromEnvironment(Env(("GITHUB_EVENT_PATH", payload), ("GITHUB_REPOSITORY", "octo/shop"), ("GITHUB_ACTIONS", "true"), ("GITHUB_TOKEN", "t")));

        Assert.Equal(42, context.PullRequestNumber);
        Assert.Equal("main", context.BaseRef);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef01", context.HeadSha);
        Assert.Equal(("octo", "shop"), (context.Owner, context.Repository));
        Assert.True(context.IsActions);
        Assert.True(context.CanCallPullRequestApi);
        Assert.Empty(context.Diagnostics);
    }

    [Fact]
    public void PrOptionWinsOverTheEvent()
    {
        using var folder = new TempFolder();
        var payload = folder.Write("event.json", """{ "pull_request": { "number": 42 } }""");

        Assert.Equal(5, GitHubContext.FromEnvironment(Env(("GITHUB_EVENT_PATH", payload)), 5).PullRequestNumber);
    }

    [Fact]
    public void PushEventHasNoPullRequest()
    {
        using var folder = new TempFolder();
        var payload = folder.Write("event.json", """{ "ref": "refs/heads/main", "after": "abc" }""");

        var context = GitHubContext.FromEnvironment(Env(("GITHUB_EVENT_PATH", payload), ("GITHUB_TOKEN", "t"), ("GITHUB_REPOSITORY", "o/r")));

        Assert.Null(context.PullRequestNumber);
        Assert.False(context.CanCallPullRequestApi);
    }

    [Fact]
    public void UnreadableEventIsAWarningThatSuggestsPr()
    {
        using var folder = new TempFolder();
        var payload = folder.Write("event.json", "{ not json");

        var context = GitHubContext.FromEnvironment(Env(("GITHUB_EVENT_PATH", payload)));

        var warning = Assert.Single(context.Diagnostics);
        Assert.Equal(DiagnosticCodes.GitHubEventUnreadable.Code, warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("--pr", warning.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://api.github.com/")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [InlineData("not a url", "https://api.github.com/")]
    public void ApiUrlComesFromGitHubApiUrlWithATrailingSlash(string? configured, string expected) =>
        Assert.Equal(expected, GitHubContext.FromEnvironment(Env(("GITHUB_API_URL", configured))).ApiUrl.AbsoluteUri);

    [Fact]
    public void RunUrlPointsAtTheJobSummary()
    {
        var context = GitHubContext.FromEnvironment(Env(("GITHUB_REPOSITORY", "octo/shop"), ("GITHUB_RUN_ID", "99"), ("GITHUB_SERVER_URL", "https://github.com")));

        Assert.Equal("https://github.com/octo/shop/actions/runs/99", context.RunUrl?.AbsoluteUri);
    }

    [Fact]
    public void TokenNeverAppearsInText()
    {
        var context = GitHubContext.FromEnvironment(Env(("GITHUB_TOKEN", "ghs_supersecret"), ("GITHUB_REPOSITORY", "o/r")));

        Assert.DoesNotContain("ghs_supersecret", context.ToString(), StringComparison.Ordinal);
    }

    private static DictionaryEnvironment Env(params (string Name, string? Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value));
}
