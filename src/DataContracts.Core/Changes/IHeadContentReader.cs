namespace DataContracts.Changes;

/// <summary>
/// The change's own files where the checkout is not the change: in the fork-safe pair's <c>workflow_run</c> half
/// the checkout is the default branch, and the pull request's files exist only on GitHub at the run's head.
/// </summary>
internal interface IHeadContentReader
{
    /// <summary>For people: "pull request #7 at be3a903".</summary>
    string Description { get; }

    /// <summary>The file's text at the head, or null when the head has no such file.</summary>
    Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken);
}
