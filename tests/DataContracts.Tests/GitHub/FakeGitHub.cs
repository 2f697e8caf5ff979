using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Hosting;

namespace DataContracts.Tests.GitHub;

/// <summary>Wires the product to a <see cref="FakeGitHubServer"/> the way Actions would: through environment variables.</summary>
internal static class FakeGitHub
{
    public const int PullRequest = 7;

    public static Dictionary<string, string?> Environment(FakeGitHubServer server, string? token = null) => new()
    {
        ["GITHUB_API_URL"] = server.BaseUrl.AbsoluteUri.TrimEnd('/'),
        ["GITHUB_TOKEN"] = token ?? server.Token,
        ["GITHUB_REPOSITORY"] = server.Repository,
    };

    public static GitHubContext Context(FakeGitHubServer server, string? token = null) =>
        GitHubContext.FromEnvironment(new DictionaryEnvironment(Environment(server, token)), PullRequest);

    /// <summary>Short waits in tests: rate limits up to 2 s are waited out, back-off starts at 10 ms.</summary>
    public static HttpPullRequestGateway Gateway(FakeGitHubServer server, string? token = null, TimeSpan? maxRetryWait = null) =>
        new(Context(server, token), maxRetryWait ?? TimeSpan.FromSeconds(2), new GitHubRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>The same short-wait gateway, pointed at <paramref name="apiUrl"/> instead of the fake (a closed port).</summary>
    public static HttpPullRequestGateway Gateway(FakeGitHubServer server, Uri apiUrl) =>
        new(Context(server) with { ApiUrl = apiUrl }, TimeSpan.FromSeconds(2), new GitHubRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>A pull request with <paramref name="count"/> comments by other people, as busy reviews have.</summary>
    public static void SeedConversation(FakeGitHubServer server, int count)
    {
        server.AddPullRequest(PullRequest, new FakeGitHubFile("models/orders.sql"));
        for (var i = 1; i <= count; i++)
        {
            server.AddComment(PullRequest, i % 2 == 0 ? "alice" : "bob", $"Review note {i}: looks fine @bob");
        }
    }
}
