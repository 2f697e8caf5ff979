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
}

/// <summary>One conversation comment as far as the tool cares.</summary>
internal sealed record PullRequestComment(long Id, string Body, string? Author, string? Url);
