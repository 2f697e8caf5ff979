using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// The pull request's own file list from the API: the fallback when git cannot compute the diff inside
/// Actions (a shallow clone, a base branch that was not fetched). Paths are relative to the repository root.
/// </summary>
internal sealed class PullRequestFileSource(IPullRequestGateway gateway, int pullRequest) : IPullRequestFiles
{
    /// <summary>Git failures that mean "history is missing" rather than "this is not a repository".</summary>
    public static bool CanReplace(InputException failure) =>
        failure.Diagnostics.Any(d => d.Code == DiagnosticCodes.ShallowClone.Code || d.Code == DiagnosticCodes.UnknownGitRef.Code || d.Code == DiagnosticCodes.GitFailed.Code);

    bool IPullRequestFiles.CanReplace(InputException gitFailure) => CanReplace(gitFailure);

    public async Task<ChangeSet> ReadAsync(string workspaceRoot, InputException gitFailure, CancellationToken cancellationToken)
    {
        var files = await gateway.ListFilesAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        var cause = gitFailure.Diagnostics.FirstOrDefault();
        return new ChangeSet
        {
            WorkspaceRoot = workspaceRoot,
            Files = [.. files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal)],
            Description = $"pull request #{pullRequest} (GitHub API)",
            Diagnostics =
            [
                DiagnosticCodes.ChangesFromPullRequest.Create(
                    $"git could not compute the diff ({cause?.Code}: {cause?.Message}), so the {files.Length} changed file(s) of pull request #{pullRequest} were taken from the GitHub API.",
                    hint: "For exact results with renames and base content, check out with 'fetch-depth: 0'."),
            ],
        };
    }
}
