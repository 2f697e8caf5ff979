using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>Turns GitHub failures into diagnostics that say what happened and what to do, without the token or raw bodies.</summary>
internal static class GitHubErrors
{
    /// <summary><paramref name="attempts"/>: How many times the call was tried; said when more than once, so "GitHub is down" is not read as "the tool gave up at once".</summary>
    public static Diagnostic Describe(Exception e, string action, TimeSpan? retryAfter, int attempts = 1) => e switch
    {
        GitHubApiException { Problem: GitHubProblem.Unauthorized } => DiagnosticCodes.GitHubUnauthorized.Create(
            $"GitHub answered 401 Unauthorized when trying to {action}: the token is missing, expired or revoked.",
            hint: "In a workflow pass the token as an input or env (GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}); outside Actions set GITHUB_TOKEN to a valid token."),
        GitHubApiException { Problem: GitHubProblem.SecondaryRateLimit } => DiagnosticCodes.GitHubRateLimited.Create(
            $"GitHub's secondary rate limit stopped the request to {action}{(retryAfter is { } wait ? $"; GitHub asks to wait {wait.TotalSeconds:0} seconds" : string.Empty)}.",
            hint: "Too many requests in a short time, often from parallel jobs with the same token. Re-run the job later, or run fewer jobs at once."),
        GitHubApiException { Problem: GitHubProblem.RateLimit } limit => DiagnosticCodes.GitHubRateLimited.Create(
            $"GitHub's API rate limit is used up, so the tool could not {action}{(limit.RateLimitReset is { } reset ? $"; it resets at {reset.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : string.Empty)}.",
            hint: "Re-run after the reset, or use a token with a higher limit (GITHUB_TOKEN in Actions has its own limit)."),
        GitHubApiException { Problem: GitHubProblem.Forbidden } => DiagnosticCodes.GitHubForbidden.Create(
            $"GitHub answered 403 Forbidden when trying to {action}: the token may read but not write here.",
            hint: "Pull requests from forks get a read-only GITHUB_TOKEN. Grant 'permissions: pull-requests: write' for same-repository pull requests, and use the fork-safe workflow_run pair (docs/github.md) for forks."),
        GitHubApiException { Problem: GitHubProblem.NotFound } => DiagnosticCodes.GitHubNotFound.Create(
            $"GitHub answered 404 Not Found when trying to {action}.",
            hint: "Check GITHUB_REPOSITORY and the pull request number (--pr); a token without access to a private repository also gets 404."),
        GitHubApiException { Problem: GitHubProblem.Rejected } => DiagnosticCodes.GitHubCommentRejected.Create(
            $"GitHub answered 422 Unprocessable Entity when trying to {action}: it rejected the content (for example a body over 65,536 characters).",
            hint: "The full report is still in the job summary and the JSON report; please report this with the job's log."),
        GitHubApiException { Problem: GitHubProblem.TooManyRequests } => DiagnosticCodes.GitHubRateLimited.Create(
            $"GitHub answered 429 Too Many Requests when trying to {action}.",
            hint: "Re-run the job later, or run fewer jobs at once with the same token."),
        GitHubApiException { Problem: GitHubProblem.BadBody } => DiagnosticCodes.GitHubUnavailable.Create(
            $"GitHub's answer when trying to {action} is not the JSON GitHub documents{Tries(attempts)}.",
            hint: "Check GITHUB_API_URL and any proxy in between (GitHub Enterprise Server: https://HOST/api/v3); re-run the job."),
        GitHubApiException api => DiagnosticCodes.GitHubUnavailable.Create(
            $"GitHub answered {(int)api.Status} {api.Status} when trying to {action}{Tries(attempts)}.",
            hint: "GitHub may be having trouble (https://www.githubstatus.com); re-run the job. Check GITHUB_API_URL on GitHub Enterprise Server."),
        _ => DiagnosticCodes.GitHubUnavailable.Create(
            $"GitHub could not be reached to {action} ({e.GetType().Name}){Tries(attempts)}.",
            hint: "Check the network and GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3)."),
    };

    private static string Tries(int attempts) => attempts > 1 ? $" ({attempts} attempts)" : string.Empty;
}
