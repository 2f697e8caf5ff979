using System.Collections.Immutable;

namespace DataContracts.GitHub;

/// <summary>The calls of part two: the pull request's head, the token's user, comment deletion, review requests and commit statuses.</summary>
internal sealed partial class HttpPullRequestGateway
{
    public Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, new Uri(repositoryUrl, $"issues/comments/{commentId}"), null, $"delete comment {commentId}", cancellationToken);

    public async Task<PullRequestHead> GetPullRequestAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var pr = await SendAsync(HttpMethod.Get, $"pulls/{pullRequest}", null, GitHubJson.Default.GitHubPull, $"read pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return new PullRequestHead(pr.Number, pr.Head?.Sha ?? string.Empty, pr.User?.Login);
    }

    public async Task<string?> GetTokenLoginAsync(CancellationToken cancellationToken)
    {
        try
        {
            var user = await CallAsync(t => http.SendAsync(HttpMethod.Get, new Uri(apiUrl, "user"), null, GitHubJson.Default.GitHubUser, t), "read the token's user", cancellationToken).ConfigureAwait(false);
            return user.Value?.Login;
        }
        catch (DataContracts.Diagnostics.ServiceException e) when (e.InnerException is GitHubApiException { Problem: GitHubProblem.Forbidden })
        {
            // An installation token (GITHUB_TOKEN, a GitHub App) may not read /user: it acts as the app's bot.
            // A rate limit is also a 403, but says nothing about the token; reading it as "bot" would let the
            // tool edit a comment it may not own, so that one fails like any other call.
            return null;
        }
    }

    public async Task<ReviewerSet> GetRequestedReviewersAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var requested = await SendAsync(
            HttpMethod.Get,
            $"pulls/{pullRequest}/requested_reviewers",
            null,
            GitHubJson.Default.GitHubRequestedReviewers,
            $"list the requested reviewers of pull request #{pullRequest}",
            cancellationToken).ConfigureAwait(false);
        return new ReviewerSet(
            [.. (requested.Users ?? []).Select(u => u?.Login).OfType<string>()],
            [.. (requested.Teams ?? []).Select(t => t?.Slug).OfType<string>()]);
    }

    public async Task<ImmutableArray<string>> ListReviewersWhoReviewedAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var reviews = await ListAllAsync($"pulls/{pullRequest}/reviews", GitHubJson.Default.ListGitHubReview, $"list the reviews of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. reviews.Select(r => r.User?.Login).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<ImmutableArray<string>> ListTeamsEverRequestedAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var events = await ListAllAsync($"issues/{pullRequest}/events", GitHubJson.Default.ListGitHubIssueEvent, $"list the events of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. events
            .Where(e => e.Event == "review_requested")
            .Select(e => e.RequestedTeam?.Slug)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public Task RequestReviewersAsync(int pullRequest, ReviewerSet reviewers, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            new Uri(repositoryUrl, $"pulls/{pullRequest}/requested_reviewers"),
            GitHubHttp.Json(new GitHubReviewRequest([.. reviewers.Users], [.. reviewers.Teams]), GitHubJson.Default.GitHubReviewRequest),
            $"request reviews from {reviewers} on pull request #{pullRequest}",
            cancellationToken);

    public Task SetCommitStatusAsync(string sha, CommitStatus status, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Post,
            new Uri(repositoryUrl, $"statuses/{Uri.EscapeDataString(sha)}"),
            GitHubHttp.Json(
                new GitHubNewStatus(
                    status.State switch
                    {
                        CommitStatusState.Success => "success",
                        CommitStatusState.Failure => "failure",
                        _ => "error",
                    },
                    status.Description,
                    status.TargetUrl?.AbsoluteUri,
                    status.Context),
                GitHubJson.Default.GitHubNewStatus),
            $"set the '{status.Context}' status on commit {sha[..Math.Min(7, sha.Length)]}",
            cancellationToken);
}
