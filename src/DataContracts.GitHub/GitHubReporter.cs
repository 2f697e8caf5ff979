using DataContracts.Application;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// The GitHub side effects of a check, for the shells to call after <see cref="Checker.CheckAsync"/>. None of
/// them changes the verdict or the exit code: a comment that cannot be posted, or an Actions file that cannot
/// be written, becomes a warning diagnostic appended to the result (the outcome is kept as it was).
/// </summary>
internal static partial class GitHubReporter
{
    /// <summary>
    /// The request with what GitHub can add: in Actions, the pull request's file list as the fallback for missing
    /// git history; in a <c>workflow_run</c> job, as the only list trusted (a fork writes the artifact's).
    /// </summary>
    public static CheckRequest Attach(CheckRequest request, GitHubContext context) =>
        context.IsActions && context.CanCallPullRequestApi
            ? request with
            {
                PullRequestFiles = new PullRequestFileSource(new HttpPullRequestGateway(context), context.PullRequestNumber!.Value, context.IsWorkflowRun ? context : null),
            }
            : request;

    /// <summary>Posts or updates the sticky comment; returns the result with a diagnostic saying what happened.</summary>
    public static Task<CheckResult> CommentAsync(
        CheckResult result, GitHubContext context, Func<GitHubContext, IPullRequestGateway>? gatewayFactory, CancellationToken cancellationToken) =>
        CommentAsync(result, context, gatewayFactory, mentions: false, cancellationToken);

    private static async Task<CheckResult> CommentAsync(
        CheckResult result, GitHubContext context, Func<GitHubContext, IPullRequestGateway>? gatewayFactory, bool mentions, CancellationToken cancellationToken)
    {
        var consequence = " No comment was posted; the verdict and the exit code are unchanged.";
        if (context.Token is null || context.Owner is null)
        {
            return Append(result, DiagnosticCodes.CommentWithoutToken.Create(
                (context.Token is null ? "GITHUB_TOKEN is not set." : "GITHUB_REPOSITORY is not set (expected owner/name).") + consequence,
                hint: "In a workflow set env GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} (the Action does this); elsewhere set GITHUB_TOKEN and GITHUB_REPOSITORY."));
        }

        if (context.PullRequestNumber is not { } number)
        {
            return Append(result, DiagnosticCodes.CommentWithoutPullRequest.Create(
                "This run is not for a pull request (no number in GITHUB_EVENT_PATH and no --pr)." + consequence,
                hint: "Run the check on pull_request events, or pass --pr N (the fork-safe workflow_run sample passes it from the artifact)."));
        }

        try
        {
            var gateway = (gatewayFactory ?? (c => new HttpPullRequestGateway(c)))(context);
            var options = new CommentOptions { RunUrl = context.RunUrl, HeadSha = context.HeadSha, Mentions = mentions ? result.OwnersMap : null };
            var outcome = await new StickyCommentPublisher(gateway).PublishAsync(number, result, options, cancellationToken).ConfigureAwait(false);
            if (outcome.RemovedDuplicate)
            {
                result = Append(result, DiagnosticCodes.DuplicateCommentRemoved.Create(
                    $"Pull request #{number}: another run created the same comment at the same time; this run deleted its own copy and kept the older one."));
            }

            return outcome.Action == CommentAction.None
                ? result
                : Append(result, DiagnosticCodes.CommentPosted.Create(
                    $"Pull request #{number}: comment {outcome.Action.ToString().ToLowerInvariant()}{(outcome.Url is null ? "." : $" ({outcome.Url}).")}"));
        }
        catch (ServiceException e)
        {
            return Append(result, e.Diagnostic with { Severity = Severity.Warning, Message = e.Diagnostic.Message + consequence });
        }
    }

    /// <summary>In Actions: the job summary and the step outputs. Returns the result with a warning for a file that could not be written.</summary>
    public static async Task<CheckResult> WriteActionsFilesAsync(CheckResult result, GitHubContext context, string? reportPath, CancellationToken cancellationToken)
    {
        var warnings = await ActionsFiles.WriteAsync(result, context, reportPath, cancellationToken).ConfigureAwait(false);
        return warnings.Aggregate(result, Append);
    }

    private static CheckResult Append(CheckResult result, Diagnostic diagnostic) =>
        result with { Diagnostics = result.Diagnostics.Add(diagnostic) };
}
