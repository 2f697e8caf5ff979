using System.Collections.Immutable;
using DataContracts.Changes;

namespace DataContracts.GitHub;

/// <summary>
/// The few GitHub calls the tool makes, for one pull request. Listings follow every page. Failures are
/// <see cref="DataContracts.Diagnostics.ServiceException"/>s with a DC7xxx diagnostic that never contains the token.
/// </summary>
internal interface IPullRequestGateway
{
    /// <summary>The pull request's changed files, every page (GitHub stops at 3,000 files).</summary>
    Task<ImmutableArray<ChangedFile>> ListFilesAsync(int pullRequest, CancellationToken cancellationToken);

    /// <summary>Every comment on the pull request's conversation, oldest first, every page.</summary>
    Task<ImmutableArray<PullRequestComment>> ListCommentsAsync(int pullRequest, CancellationToken cancellationToken);

    Task<PullRequestComment> CreateCommentAsync(int pullRequest, string body, CancellationToken cancellationToken);

    Task<PullRequestComment> UpdateCommentAsync(long commentId, string body, CancellationToken cancellationToken);

    Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken);

    /// <summary>The pull request's head commit and author (<c>GET /repos/{o}/{r}/pulls/{n}</c>).</summary>
    Task<PullRequestHead> GetPullRequestAsync(int pullRequest, CancellationToken cancellationToken);

    /// <summary>The login the token acts as (<c>GET /user</c>); null for an installation token, which may not read it.</summary>
    Task<string?> GetTokenLoginAsync(CancellationToken cancellationToken);

    /// <summary>Users and teams whose review is requested and still pending.</summary>
    Task<ReviewerSet> GetRequestedReviewersAsync(int pullRequest, CancellationToken cancellationToken);

    /// <summary>Logins of users who have submitted a review (GitHub then drops them from the pending requests), every page.</summary>
    Task<ImmutableArray<string>> ListReviewersWhoReviewedAsync(int pullRequest, CancellationToken cancellationToken);

    /// <summary>
    /// Slugs of the teams whose review was ever requested on the pull request (its <c>review_requested</c> events),
    /// pending or not: a member's review on behalf of the team takes it off the pending list without naming it.
    /// </summary>
    Task<ImmutableArray<string>> ListTeamsEverRequestedAsync(int pullRequest, CancellationToken cancellationToken);

    Task RequestReviewersAsync(int pullRequest, ReviewerSet reviewers, CancellationToken cancellationToken);

    /// <summary>
    /// A file's text at a commit (<c>GET /repos/{o}/{r}/contents/{path}?ref={sha}</c>, raw), at most
    /// <see cref="DataContracts.IO.BoundedFile.MaxTextBytes"/>; null when the commit has no such file.
    /// </summary>
    Task<string?> GetFileTextAsync(string path, string sha, CancellationToken cancellationToken);

    /// <summary>Sets a commit status (<c>POST /repos/{o}/{r}/statuses/{sha}</c>).</summary>
    Task SetCommitStatusAsync(string sha, CommitStatus status, CancellationToken cancellationToken);
}

/// <summary>One conversation comment as far as the tool cares.</summary>
internal sealed record PullRequestComment(long Id, string Body, string? Author, string? Url);

/// <summary>What the tool needs of a pull request: its head commit and who opened it (GitHub refuses to ask the author for a review).</summary>
internal sealed record PullRequestHead(int Number, string HeadSha, string? Author);
