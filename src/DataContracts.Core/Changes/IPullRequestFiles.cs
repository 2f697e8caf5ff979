using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>The pull request's own file list, standing in for git when the history is missing (a shallow clone in CI).</summary>
internal interface IPullRequestFiles
{
    /// <summary>Whether this git failure means "history is missing", which the list can stand in for.</summary>
    bool CanReplace(InputException gitFailure);

    Task<ChangeSet> ReadAsync(string workspaceRoot, InputException gitFailure, CancellationToken cancellationToken);
}
