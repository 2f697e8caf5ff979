using System.Collections.Concurrent;
using DataContracts.Changes;

namespace DataContracts.GitHub;

/// <summary>
/// The pull request's files at the <c>workflow_run</c>'s head, as GitHub serves them: the one account of the
/// head a fork cannot write in the privileged half (its artifacts can say anything). Each file is read once.
/// </summary>
internal sealed class PullRequestHeadContent(IPullRequestGateway gateway, int pullRequest, string headSha) : IHeadContentReader
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> files = new(StringComparer.Ordinal);

    public string Description => $"pull request #{pullRequest} at {headSha[..Math.Min(7, headSha.Length)]} (GitHub)";

    public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
        files.GetOrAdd(workspaceRelativePath, path => new Lazy<Task<string?>>(() => gateway.GetFileTextAsync(path, headSha, cancellationToken))).Value;
}
