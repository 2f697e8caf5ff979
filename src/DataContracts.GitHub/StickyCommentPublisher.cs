using DataContracts.Application;

namespace DataContracts.GitHub;

/// <summary>What happened to the sticky comment.</summary>
internal enum CommentAction
{
    /// <summary>No comment existed and there was nothing to report.</summary>
    None,
    Created,
    Updated,

    /// <summary>The existing comment now says the impact is gone.</summary>
    Resolved,
}

internal sealed record CommentOutcome(CommentAction Action, long? CommentId = null, string? Url = null);

/// <summary>
/// Keeps one comment per pull request and contract file: finds it by its marker through every page of
/// comments, edits it in place, and turns it into a "resolved" note when a passing run follows. A passing
/// run with no earlier comment posts nothing, so clean pull requests stay quiet.
/// </summary>
internal sealed class StickyCommentPublisher(IPullRequestGateway gateway)
{
    public async Task<CommentOutcome> PublishAsync(int pullRequest, CheckResult result, CommentOptions options, CancellationToken cancellationToken)
    {
        var marker = CommentMarker.For(result.ContractFile);
        var comments = await gateway.ListCommentsAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        var existing = comments.FirstOrDefault(c => CommentMarker.IsMarked(c.Body, marker));

        if (result.Outcome == CheckOutcome.Pass)
        {
            if (existing is null)
            {
                return new CommentOutcome(CommentAction.None);
            }

            var resolved = await gateway.UpdateCommentAsync(existing.Id, StickyComment.RenderResolved(result, options), cancellationToken).ConfigureAwait(false);
            return new CommentOutcome(CommentAction.Resolved, resolved.Id, resolved.Url);
        }

        var body = StickyComment.RenderReport(result, options);
        if (existing is null)
        {
            var created = await gateway.CreateCommentAsync(pullRequest, body, cancellationToken).ConfigureAwait(false);
            return new CommentOutcome(CommentAction.Created, created.Id, created.Url);
        }

        var updated = await gateway.UpdateCommentAsync(existing.Id, body, cancellationToken).ConfigureAwait(false);
        return new CommentOutcome(CommentAction.Updated, updated.Id, updated.Url);
    }
}
