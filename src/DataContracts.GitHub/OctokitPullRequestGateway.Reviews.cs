using System.Collections.Immutable;
using Octokit;

namespace DataContracts.GitHub;

/// <summary>The calls of part two: the pull request's head, the token's user, comment deletion, review requests and commit statuses.</summary>
internal sealed partial class OctokitPullRequestGateway
{
    public async Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken) =>
        await CallAsync(
            async () =>
            {
                await client.Issue.Comment.Delete(owner, repository, commentId).ConfigureAwait(false);
                return true;
            },
            $"delete comment {commentId}",
            cancellationToken).ConfigureAwait(false);

    public async Task<PullRequestHead> GetPullRequestAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var pr = await CallAsync(() => client.PullRequest.Get(owner, repository, pullRequest), $"read pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return new PullRequestHead(pr.Number, pr.Head?.Sha ?? string.Empty, pr.User?.Login);
    }

    public async Task<string?> GetTokenLoginAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await CallAsync(() => client.User.Current(), "read the token's user", cancellationToken).ConfigureAwait(false)).Login;
        }
        catch (DataContracts.Diagnostics.ServiceException e)
            when (e.InnerException is ForbiddenException and not RateLimitExceededException and not SecondaryRateLimitExceededException)
        {
            // An installation token (GITHUB_TOKEN, a GitHub App) may not read /user: it acts as the app's bot.
            // A rate limit is also a 403, but says nothing about the token; reading it as "bot" would let the
            // tool edit a comment it may not own, so that one fails like any other call.
            return null;
        }
    }

    public async Task<ReviewerSet> GetRequestedReviewersAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var requested = await CallAsync(
            () => client.PullRequest.ReviewRequest.Get(owner, repository, pullRequest),
            $"list the requested reviewers of pull request #{pullRequest}",
            cancellationToken).ConfigureAwait(false);
        return new ReviewerSet(
            [.. (requested.Users ?? []).Select(u => u.Login)],
            [.. (requested.Teams ?? []).Select(t => t.Slug)]);
    }

    public async Task<ImmutableArray<string>> ListReviewersWhoReviewedAsync(int pullRequest, CancellationToken cancellationToken)
    {
        var reviews = await ListAllAsync<PullRequestReview>($"pulls/{pullRequest}/reviews", $"list the reviews of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. reviews.Select(r => r.User?.Login).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<ImmutableArray<string>> ListTeamsEverRequestedAsync(int pullRequest, CancellationToken cancellationToken)
    {
        // Octokit's IssueEvent has no requested_team, so the events are read into a model of their own.
        var events = await ListAllAsync<ReviewRequestedEvent>($"issues/{pullRequest}/events", $"list the events of pull request #{pullRequest}", cancellationToken).ConfigureAwait(false);
        return [.. events
            .Where(e => e.Event == "review_requested")
            .Select(e => e.RequestedTeam?.Slug)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public async Task RequestReviewersAsync(int pullRequest, ReviewerSet reviewers, CancellationToken cancellationToken) =>
        await CallAsync(
            () => client.PullRequest.ReviewRequest.Create(owner, repository, pullRequest, new PullRequestReviewRequest([.. reviewers.Users], [.. reviewers.Teams])),
            $"request reviews from {reviewers} on pull request #{pullRequest}",
            cancellationToken).ConfigureAwait(false);

    public async Task SetCommitStatusAsync(string sha, CommitStatus status, CancellationToken cancellationToken) =>
        await CallAsync(
            () => client.Repository.Status.Create(owner, repository, sha, new NewCommitStatus
            {
                State = status.State switch
                {
                    CommitStatusState.Success => CommitState.Success,
                    CommitStatusState.Failure => CommitState.Failure,
                    _ => CommitState.Error,
                },
                Description = status.Description,
                TargetUrl = status.TargetUrl?.AbsoluteUri,
                Context = status.Context,
            }),
            $"set the '{status.Context}' status on commit {sha[..Math.Min(7, sha.Length)]}",
            cancellationToken).ConfigureAwait(false);
}
