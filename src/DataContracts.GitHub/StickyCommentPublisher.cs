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

    /// <summary>The comment already said this: not edited.</summary>
    Unchanged,
}

internal sealed record CommentOutcome(CommentAction Action, long? CommentId = null, string? Url = null, bool RemovedDuplicate = false);

/// <summary>
/// Keeps one comment per pull request and contract file: finds it by its marker through every page of
/// comments, edits it in place, and turns it into a "resolved" note when a passing run follows. A passing
/// run with no earlier comment posts nothing, so clean pull requests stay quiet. Only a comment written by
/// the token's own user counts as ours: anyone can paste the marker into a comment of their own. The
/// comment is not edited when its content is the same (the footer's commit and timings do not count), and
/// when two runs race to create it, the later one deletes its own copy.
/// </summary>
internal sealed class StickyCommentPublisher(IPullRequestGateway gateway)
{
    /// <summary>The login of <c>GITHUB_TOKEN</c>: an installation token may not read <c>GET /user</c>, and it acts as this bot.</summary>
    public const string ActionsBotLogin = "github-actions[bot]";

    public async Task<CommentOutcome> PublishAsync(int pullRequest, CheckResult result, CommentOptions options, CancellationToken cancellationToken)
    {
        var marker = CommentMarker.For(result.ContractFile);
        var login = await gateway.GetTokenLoginAsync(cancellationToken).ConfigureAwait(false) ?? ActionsBotLogin;
        var existing = (await ListOursAsync(pullRequest, marker, login, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var pass = result.Outcome == CheckOutcome.Pass;
        if (pass && existing is null)
        {
            return new CommentOutcome(CommentAction.None);
        }

        var body = pass ? StickyComment.RenderResolved(result, options) : StickyComment.RenderReport(result, options);
        var removed = false;
        if (existing is null)
        {
            var created = await gateway.CreateCommentAsync(pullRequest, body, cancellationToken).ConfigureAwait(false);

            // Another run may have created its comment between our listing and our create: the oldest one stays.
            var oldest = (await ListOursAsync(pullRequest, marker, login, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (oldest is null || oldest.Id == created.Id)
            {
                return new CommentOutcome(CommentAction.Created, created.Id, created.Url);
            }

            await gateway.DeleteCommentAsync(created.Id, cancellationToken).ConfigureAwait(false);
            existing = oldest;
            removed = true;
        }

        if (SameContent(existing.Body, body))
        {
            return new CommentOutcome(CommentAction.Unchanged, existing.Id, existing.Url, removed);
        }

        var updated = await gateway.UpdateCommentAsync(existing.Id, body, cancellationToken).ConfigureAwait(false);
        return new CommentOutcome(pass ? CommentAction.Resolved : CommentAction.Updated, updated.Id, updated.Url, removed);
    }

    /// <summary>Equal apart from the footer line (commit, request count, elapsed time), which changes on every run.</summary>
    public static bool SameContent(string a, string b) => string.Equals(WithoutFooter(a), WithoutFooter(b), StringComparison.Ordinal);

    private static string WithoutFooter(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return lines.Length > 0 && lines[^1].StartsWith("<sub>", StringComparison.Ordinal)
            ? string.Join('\n', lines[..^1])
            : string.Join('\n', lines);
    }

    private async Task<List<PullRequestComment>> ListOursAsync(int pullRequest, string marker, string login, CancellationToken cancellationToken)
    {
        var comments = await gateway.ListCommentsAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        return [.. comments
            .Where(c => CommentMarker.IsMarked(c.Body, marker) && string.Equals(c.Author, login, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Id)];
    }
}
