using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// The pull request's own file list from the API: the fallback when git cannot compute the diff inside
/// Actions (a shallow clone, a base branch that was not fetched), and in a <c>workflow_run</c> job (given
/// <paramref name="workflowRun"/>) the only list trusted (<see cref="PullRequestFileCheck"/>). Paths are
/// relative to the repository root.
/// </summary>
internal sealed class PullRequestFileSource(IPullRequestGateway gateway, int pullRequest, GitHubContext? workflowRun = null) : IPullRequestFiles
{
    /// <summary>Git failures that mean "history is missing" rather than "this is not a repository".</summary>
    public static bool CanReplace(InputException failure) =>
        failure.Diagnostics.Any(d => d.Code == DiagnosticCodes.ShallowClone.Code || d.Code == DiagnosticCodes.UnknownGitRef.Code || d.Code == DiagnosticCodes.GitFailed.Code);

    public bool IsAuthoritative => workflowRun is not null;

    bool IPullRequestFiles.CanReplace(InputException gitFailure) => CanReplace(gitFailure);

    public async Task<ChangeSet> ReadAsync(string workspaceRoot, InputException gitFailure, CancellationToken cancellationToken)
    {
        var files = await gateway.ListFilesAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        var cause = gitFailure.Diagnostics.FirstOrDefault();
        return ToChangeSet(
            workspaceRoot,
            files,
            $"git could not compute the diff ({cause?.Code}: {cause?.Message}), so the {files.Length} changed file(s) of pull request #{pullRequest} were taken from the GitHub API.",
            "For exact results with renames and base content, check out with 'fetch-depth: 0'.");
    }

    public async Task<ChangeSet> ReadVerifiedAsync(string workspaceRoot, ChangeSet? listed, CancellationToken cancellationToken)
    {
        var context = workflowRun ?? throw new InvalidOperationException("Only a workflow_run job's file source verifies lists.");
        var files = await PullRequestFileCheck.ReadAsync(gateway, context, pullRequest, listed, cancellationToken).ConfigureAwait(false);
        var head = context.WorkflowRunHeadSha ?? throw new InvalidOperationException("A verified list has a head commit.");
        var changes = ToChangeSet(
            workspaceRoot,
            files,
            $"The {files.Length} changed file(s) of pull request #{pullRequest} were taken from the GitHub API for its head {context.WorkflowRunHeadSha?[..Math.Min(7, context.WorkflowRunHeadSha.Length)]}"
                + (listed is null ? ": this workflow_run checkout is not the pull request." : $"; the list in {listed.Description} names the same files."),
            null);
        return changes with { HeadContent = new PullRequestHeadContent(gateway, pullRequest, head) };
    }

    private ChangeSet ToChangeSet(string workspaceRoot, IEnumerable<ChangedFile> files, string message, string? hint) => new()
    {
        WorkspaceRoot = workspaceRoot,
        Files = [.. files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal)],
        Description = $"pull request #{pullRequest} (GitHub API)",
        Diagnostics = [DiagnosticCodes.ChangesFromPullRequest.Create(message, hint: hint)],
    };
}
