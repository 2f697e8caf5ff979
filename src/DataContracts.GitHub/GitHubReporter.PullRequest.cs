using DataContracts.Application;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// The pull request side effects together: in a <c>workflow_run</c> event the pull request is verified first
/// (its head must be the run's head, or nothing is written and the run stops with exit code 3); then the
/// comment, the review requests, and the verdict as a commit status on that head.
/// </summary>
internal static partial class GitHubReporter
{
    /// <summary>Every GitHub side effect after the check, in one call: what <paramref name="options"/> asks of the pull request, and in Actions the job summary and outputs.</summary>
    public static async Task<CheckResult> PublishAsync(
        CheckResult result, GitHubContext context, GitHubPublishOptions options, string? reportPath,
        Func<GitHubContext, IPullRequestGateway>? gatewayFactory, CancellationToken cancellationToken)
    {
        if (options.WritesToPullRequest)
        {
            result = result with { Diagnostics = result.Diagnostics.AddRange(context.Diagnostics) };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.Timeout is { } timeout)
            {
                deadline.CancelAfter(timeout);
            }

            try
            {
                result = await PublishToPullRequestAsync(result, context, options, gatewayFactory, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = Append(result, DiagnosticCodes.GitHubDeadlineExceeded.Create(
                    $"GitHub did not answer within the {options.Timeout?.TotalSeconds ?? 0:0} seconds left of the run's deadline, so the pull request's comment, review requests or commit status may be missing; the verdict and the exit code are unchanged.",
                    hint: "Re-run the job; raise --timeout if GitHub is slow. A required 'datacontracts' status that was not written keeps the pull request blocked."));
            }
        }

        return context.IsActions ? await WriteActionsFilesAsync(result, context, reportPath, cancellationToken).ConfigureAwait(false) : result;
    }

    private static async Task<CheckResult> PublishToPullRequestAsync(
        CheckResult result, GitHubContext context, GitHubPublishOptions options, Func<GitHubContext, IPullRequestGateway>? gatewayFactory, CancellationToken cancellationToken)
    {
        if (!context.CanCallPullRequestApi)
        {
            // The comment path says what is missing; reviewers need the same.
            return await CommentAsync(result, context, gatewayFactory, options.MentionOwners, cancellationToken).ConfigureAwait(false);
        }

        var gateway = (gatewayFactory ?? (c => new HttpPullRequestGateway(c)))(context);
        var number = context.PullRequestNumber!.Value;
        PullRequestHead? pullRequest = null;
        if (context.IsWorkflowRun || options.RequestReviewers)
        {
            try
            {
                pullRequest = await gateway.GetPullRequestAsync(number, cancellationToken).ConfigureAwait(false);
            }
            catch (ServiceException e)
            {
                return Append(result, e.Diagnostic with
                {
                    Severity = Severity.Warning,
                    Message = e.Diagnostic.Message + " Nothing was written to the pull request; the verdict and the exit code are unchanged.",
                });
            }
        }

        if (context.IsWorkflowRun && WorkflowRunGuard.Verify(context, pullRequest!) is { } refusal)
        {
            // The check itself may have refused already, when it read the pull request's files.
            var said = result.Diagnostics.Any(d => d.Code == refusal.Code);
            return result with { Outcome = CheckOutcome.Error, ServiceFailed = true, Diagnostics = said ? result.Diagnostics : result.Diagnostics.Add(refusal) };
        }

        var fixedGateway = (Func<GitHubContext, IPullRequestGateway>)(_ => gateway);

        // Planned first, so the comment names the owners who are not asked and why.
        var plan = options.RequestReviewers ? ReviewerPlan.For(result, context.Owner, pullRequest!.Author) : null;
        if (plan is not null)
        {
            result = ReviewerPlan.Diagnostics(plan, context.Owner).Aggregate(result, Append);
        }

        if (options.Comment)
        {
            result = await CommentAsync(result, context, fixedGateway, options.MentionOwners, cancellationToken).ConfigureAwait(false);
        }

        if (plan is not null)
        {
            var diagnostics = await new ReviewRequester(gateway).RequestAsync(number, plan, cancellationToken).ConfigureAwait(false);
            result = diagnostics.Aggregate(result, Append);
        }

        if (options.Comment && context.IsWorkflowRun)
        {
            result = Append(result, await WriteStatusAsync(gateway, context.WorkflowRunHeadSha!, CommitStatus.For(result, context.RunUrl), cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private static async Task<Diagnostic> WriteStatusAsync(IPullRequestGateway gateway, string sha, CommitStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.SetCommitStatusAsync(sha, status, cancellationToken).ConfigureAwait(false);
            return DiagnosticCodes.CommitStatusWritten.Create(
                $"Commit {sha[..Math.Min(7, sha.Length)]}: status '{status.Context}' set to {status.State.ToString().ToLowerInvariant()}.");
        }
        catch (ServiceException e)
        {
            return DiagnosticCodes.CommitStatusFailed.Create(
                $"{e.Diagnostic.Code}: {e.Diagnostic.Message} The '{status.Context}' status was not written; the verdict and the exit code are unchanged.",
                hint: "Grant 'permissions: statuses: write' to the workflow_run job (docs/github.md). A required check without a status keeps the pull request blocked.");
        }
    }
}
