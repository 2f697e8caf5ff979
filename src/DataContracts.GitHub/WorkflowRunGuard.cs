using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// In a <c>workflow_run</c> job the pull request number comes from the triggering run's artifact, which a
/// fork writes. GitHub itself sets <c>workflow_run.head_sha</c>; only a pull request whose head is that
/// commit is the one the run checked. Anything else (another pull request, a push since) is refused.
/// </summary>
internal static class WorkflowRunGuard
{
    /// <summary>Null when the pull request is the run's; else the error that stops the run before anything is written.</summary>
    public static Diagnostic? Verify(GitHubContext context, PullRequestHead pullRequest)
    {
        if (context.WorkflowRunHeadSha is not { Length: > 0 } expected)
        {
            return DiagnosticCodes.WorkflowRunWithoutHead.Create(
                $"GITHUB_EVENT_NAME is workflow_run but the event payload has no workflow_run.head_sha, so pull request #{pullRequest.Number} cannot be verified; nothing was written.",
                hint: "Run the check in the job started by the workflow_run event itself, with GITHUB_EVENT_PATH as the runner sets it.");
        }

        if (string.Equals(expected, pullRequest.HeadSha, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return DiagnosticCodes.PullRequestHeadMismatch.Create(
            $"Pull request #{pullRequest.Number} has head {Short(pullRequest.HeadSha)}, but the workflow run checked {Short(expected)}; nothing was written.",
            hint: "The pull request number from the artifact does not belong to this run (a fork may have changed it), or the pull request got a new push since: that push's own run will report.");
    }

    private static string Short(string sha) => string.Concat(sha.Take(12).Where(char.IsAsciiLetterOrDigit)) is { Length: > 0 } s ? s : "(none)";
}
