using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace DataContracts.GitHub;

/// <summary>What a failed GitHub answer means; decisions (retry, diagnostic) are made on this, not on text.</summary>
internal enum GitHubProblem
{
    /// <summary>Any other status: 5xx, 451, an unexpected 4xx.</summary>
    Other,

    /// <summary>401: the token is missing, expired or revoked.</summary>
    Unauthorized,

    /// <summary>403 that is not a rate limit: the token may not do this.</summary>
    Forbidden,

    /// <summary>The primary (hourly) rate limit is used up.</summary>
    RateLimit,

    /// <summary>The secondary rate limit (too many requests in a short time, or too much at once).</summary>
    SecondaryRateLimit,

    /// <summary>429 Too Many Requests.</summary>
    TooManyRequests,

    NotFound,

    /// <summary>422: GitHub rejected the content sent.</summary>
    Rejected,

    /// <summary>A success status whose body is not the JSON GitHub documents.</summary>
    BadBody,
}

/// <summary>
/// A GitHub answer that is not a success. It carries the status and the few headers that say how long to wait;
/// never the token, the request or the body (GitHub's <c>message</c> only decides which rate limit a 403 is).
/// </summary>
internal sealed class GitHubApiException : Exception
{
    public GitHubApiException(HttpStatusCode status, GitHubProblem problem, HttpResponseHeaders? headers = null, Exception? inner = null)
        : base($"GitHub answered {(int)status} ({problem}).", inner)
    {
        Status = status;
        Problem = problem;
        RetryAfter = headers?.RetryAfter;
        RateLimitRemaining = Number(headers, "x-ratelimit-remaining");
        RateLimitReset = Number(headers, "x-ratelimit-reset") is { } reset and > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(reset) : null;
    }

    public HttpStatusCode Status { get; }

    public GitHubProblem Problem { get; }

    /// <summary>The <c>Retry-After</c> header (seconds, or a date), when GitHub sent one.</summary>
    public RetryConditionHeaderValue? RetryAfter { get; }

    public long? RateLimitRemaining { get; }

    /// <summary><c>x-ratelimit-reset</c>: when the hourly budget starts again.</summary>
    public DateTimeOffset? RateLimitReset { get; }

    /// <summary>
    /// Which failure a status is. GitHub answers both rate limits with 403 (sometimes 429) and tells them apart only
    /// in <c>message</c>, as Octokit read it: "rate limit exceeded" is the hourly budget, "secondary rate limit" the
    /// other; a 403 on a used-up budget (<c>x-ratelimit-remaining: 0</c>) without either is the hourly one too.
    /// </summary>
    public static GitHubProblem Classify(HttpStatusCode status, string? message, HttpResponseHeaders? headers) => (int)status switch
    {
        401 => GitHubProblem.Unauthorized,
        403 when Says(message, "secondary rate limit") => GitHubProblem.SecondaryRateLimit,
        403 when Says(message, "rate limit exceeded") || Number(headers, "x-ratelimit-remaining") == 0 => GitHubProblem.RateLimit,
        403 => GitHubProblem.Forbidden,
        404 => GitHubProblem.NotFound,
        422 => GitHubProblem.Rejected,
        429 => GitHubProblem.TooManyRequests,
        _ => GitHubProblem.Other,
    };

    private static bool Says(string? message, string words) => message?.Contains(words, StringComparison.OrdinalIgnoreCase) == true;

    private static long? Number(HttpResponseHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
