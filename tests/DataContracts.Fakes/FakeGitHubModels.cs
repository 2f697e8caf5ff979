namespace DataContracts.Fakes;

/// <summary>A conversation comment held by <see cref="FakeGitHubServer"/>.</summary>
public sealed record FakeGitHubComment(long Id, int Issue, string User, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string UserType = "User");

/// <summary>A pull request file as <c>GET /repos/{o}/{r}/pulls/{n}/files</c> lists it.</summary>
public sealed record FakeGitHubFile(string FileName, string Status = "modified", string? PreviousFileName = null);

/// <summary>One request the fake received: method, path, query, the JSON body sent (if any), and whether the token matched.</summary>
public sealed record FakeGitHubRequest(string Method, string Path, string Query, string? Body, bool Authorized);

/// <summary>A canned answer for fault injection: status, JSON body and extra headers.</summary>
public sealed record FakeGitHubResponse(int Status, string Json, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>GitHub's secondary rate limit: 403 with <c>Retry-After</c> and the documented message.</summary>
    public static FakeGitHubResponse SecondaryRateLimit(int retryAfterSeconds) => new(
        403,
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The secondary rate limit without <c>Retry-After</c> on a used-up budget: the client waits for <c>x-ratelimit-reset</c>.</summary>
    public static FakeGitHubResponse SecondaryRateLimitUntilReset(DateTimeOffset reset) => new(
        403,
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""",
        new Dictionary<string, string>
        {
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>What a read-only GITHUB_TOKEN (a pull request from a fork) gets when it tries to write.</summary>
    public static FakeGitHubResponse ReadOnlyToken() => new(
        403,
        """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/issues/comments#create-an-issue-comment","status":"403"}""");

    public static FakeGitHubResponse ServerError() => new(502, """{"message":"Server Error"}""");
}

/// <summary>A commit status held by <see cref="FakeGitHubServer"/>.</summary>
public sealed record FakeGitHubStatus(long Id, string Sha, string State, string? Description, string? TargetUrl, string Context, string Creator, DateTimeOffset CreatedAt);

/// <summary>A pull request held by <see cref="FakeGitHubServer"/>; tests move its head or change its author. Lock it to read the review sets.</summary>
public sealed class FakeGitHubPullRequest(int number)
{
    public int Number { get; } = number;

    public List<FakeGitHubFile> Files { get; init; } = [];

    public string HeadSha { get; set; } = "abcdef0123456789abcdef0123456789abcdef01";

    /// <summary>The head commit's files (repository-relative path → text), served by the contents API at <see cref="HeadSha"/>.</summary>
    public Dictionary<string, string> HeadFiles { get; } = new(StringComparer.Ordinal);

    public string BaseSha { get; set; } = "0000aaaa1111bbbb2222cccc3333dddd4444eeee";

    public string HeadRef { get; set; } = "feature";

    /// <summary>The owner of the head repository: a fork's owner for a fork pull request.</summary>
    public string HeadOwner { get; set; } = "contributor";

    public string Author { get; set; } = "contributor";

    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

    public HashSet<string> RequestedUsers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> RequestedTeams { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Submitted reviews: id, reviewer, state.</summary>
    public List<(long Id, string Login, string State)> Reviews { get; } = [];

    /// <summary>Every accepted review request, as sent.</summary>
    public List<(string[] Users, string[] Teams)> ReviewRequests { get; } = [];
}

/// <summary>How <see cref="FakeGitHubServer"/> links a listing's pages.</summary>
public enum FakeGitHubPaging
{
    /// <summary>As GitHub: <c>next</c> until the last page.</summary>
    Normal,

    /// <summary>Every page names itself as <c>next</c>: a client without loop detection asks forever.</summary>
    SelfLink,

    /// <summary>Every page names the following one as <c>next</c>, without end: only a page cap stops it.</summary>
    Endless,
}
