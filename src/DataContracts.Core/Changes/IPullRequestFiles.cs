using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>
/// The pull request's own file list: standing in for git when the history is missing (a shallow clone in CI), and
/// the only list trusted where the checkout is not the pull request (the fork-safe pair's <c>workflow_run</c> half).
/// </summary>
internal interface IPullRequestFiles
{
    /// <summary>
    /// True when the pull request's list is the truth for this run: a list given on the command line comes from a
    /// fork's artifact and must equal it, and git's diff of the checkout is not the pull request's.
    /// </summary>
    bool IsAuthoritative { get; }

    /// <summary>Whether this git failure means "history is missing", which the list can stand in for.</summary>
    bool CanReplace(InputException gitFailure);

    Task<ChangeSet> ReadAsync(string workspaceRoot, InputException gitFailure, CancellationToken cancellationToken);

    /// <summary>
    /// The pull request's list, when <see cref="IsAuthoritative"/>; <paramref name="listed"/> (the explicit list, if
    /// any) must name the same files with the same status, or the run stops with an error before anything is checked.
    /// </summary>
    Task<ChangeSet> ReadVerifiedAsync(string workspaceRoot, ChangeSet? listed, CancellationToken cancellationToken);
}
