using System.Collections.Concurrent;

namespace DataContracts.Changes;

/// <summary>Reads files as they were at the merge base, through <c>git show</c>.</summary>
internal sealed class GitBaseContentReader(string workspaceRoot, string baseCommit) : IBaseContentReader
{
    private readonly ConcurrentDictionary<string, Task<string?>> cache = new(StringComparer.Ordinal);

    public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
        cache.GetOrAdd(workspaceRelativePath, path => ReadCoreAsync(path, cancellationToken));

    private async Task<string?> ReadCoreAsync(string path, CancellationToken cancellationToken)
    {
        // A file is read up to the limit of every file the tool reads, at the base as in the working tree.
        var result = await GitRunner.RunAsync(workspaceRoot, ["show", $"{baseCommit}:{path}"], cancellationToken, IO.BoundedFile.MaxTextBytes, $"{path} at the base").ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StdOut : null;
    }
}
